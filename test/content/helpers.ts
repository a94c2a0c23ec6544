/**
 * Test helpers for the content script under jsdom: a small Custom Highlight API (jsdom has none;
 * the real one is exercised by the end-to-end tests), a glossary that finds fixed phrases, and a
 * way to wait for the scheduler's frames and slices.
 */
import type { Entry, Intensity, Match } from '../../src/core/entry';
import type { ActiveGlossary } from '../../src/content/scan-session';
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/settings';

type HighlightWindow = {
  Highlight?: unknown;
  CSS?: { highlights?: Map<string, Set<AbstractRange>> };
};

/** Installs `CSS.highlights` and `Highlight` on jsdom's window; returns the registry. */
export function installFakeHighlights(): Map<string, Set<AbstractRange>> {
  const w = window as unknown as HighlightWindow;
  class FakeHighlight extends Set<AbstractRange> {
    priority = 0;
    type = 'highlight';
  }
  const registry = new Map<string, Set<AbstractRange>>();
  w.Highlight = FakeHighlight;
  w.CSS = { ...(w.CSS ?? {}), highlights: registry };
  return registry;
}

export function removeFakeHighlights(): void {
  const w = window as unknown as HighlightWindow;
  delete w.Highlight;
  delete w.CSS;
}

/** The text of every range registered under a `subtext-` highlight, sorted. */
export function highlighted(registry: Map<string, Set<AbstractRange>>): string[] {
  const out: string[] = [];
  for (const [name, h] of registry)
    if (name.startsWith('subtext-'))
      for (const r of h) {
        const range = document.createRange();
        range.setStart(r.startContainer, r.startOffset);
        range.setEnd(r.endContainer, r.endOffset);
        out.push(range.toString());
      }
  return out.sort();
}

export function entry(
  id: string,
  patterns: string[],
  intensity: Intensity = 3,
  extra: Partial<Entry> = {},
): Entry {
  // prettier-ignore
  return {
    id,
    patterns,
    meaning: `meaning of ${id}`,
    explanation: `explanation of ${id}`,
    category: 'diplomatic',
    intensity,
    lang: 'en',
    sources: [{ title: 'A source', url: 'https://example.org/source' }],
    examples: [],
    counterExamples: [],
    ...extra,
  };
}

/**
 * A glossary that finds its entries' patterns as literal, case-insensitive phrases (whitespace
 * runs match any whitespace). Records every text it was asked to match, to check what was
 * re-matched after a change.
 */
export function literalGlossary(entries: Entry[]): ActiveGlossary & { seen: string[] } {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const res = entries.flatMap((e) =>
    e.patterns.map((p) => ({
      id: e.id,
      re: new RegExp(`\\b${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')}\\b`, 'gi'), // prettier-ignore
    })),
  );
  const seen: string[] = [];
  return {
    seen,
    entry: (id) => byId.get(id),
    match(text: string): Match[] {
      seen.push(text);
      const out: Match[] = [];
      for (const { id, re } of res)
        for (const m of text.matchAll(re))
          out.push({ start: m.index, end: m.index + m[0].length, entryId: id });
      return out.sort((a, b) => a.start - b.start);
    },
  };
}

export function settings(patch: Partial<Settings> = {}): Settings {
  return { ...structuredClone(DEFAULT_SETTINGS), ...patch };
}

/** Lets frames, idle callbacks, message-channel hops and timers of `ms` pass. */
export async function settle(ms = 0): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, ms));
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
  }
}

/**
 * Makes the fake `browser.i18n.getMessage` answer like the real one from the English locale file
 * ('' for an unknown key, `$1`… filled in), so tests see the strings a reader sees.
 */
export async function useEnglishMessages(): Promise<void> {
  const { default: browser } = await import('webextension-polyfill');
  const en = (await import('../../src/_locales/en/messages.json')).default as Record<
    string,
    { message: string }
  >;
  browser.i18n.getMessage = ((key: string, subs?: string | string[]) => {
    const list = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
    const text = en[key]?.message ?? '';
    return text.replace(/\$(\d)/g, (m, d: string) => list[Number(d) - 1] ?? m);
  }) as typeof browser.i18n.getMessage;
}
