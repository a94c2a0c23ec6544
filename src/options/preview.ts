/**
 * The live preview of the entry form: the reader types a sentence and sees what the whole
 * glossary, with the draft entry in it, decodes there, and why: which entry, which of its
 * patterns. Computed locally with the same engine as the content script (src/core).
 */
import type { Entry } from '../core/entry';
import { checkPattern } from '../core/pattern';
import { compileGlossary } from '../core/compile';
import { findMatches } from '../core/matcher';
import { h, fill, t } from '../shared/ui/dom';
import { displayPhrase } from '../shared/ui/phrase';

export interface PreviewMatch {
  start: number;
  end: number;
  entry: Entry;
  patternIndex: number;
  /** True when the match comes from the entry being edited. */
  isDraft: boolean;
}

/**
 * What `sentence` decodes to with `draft` added to (or replacing its namesake in) `glossary`.
 * Patterns of the draft that do not compile are left out: their errors show on the field.
 */
export function previewMatches(
  glossary: readonly Entry[],
  draft: Entry | null,
  sentence: string,
): PreviewMatch[] {
  if (!sentence.trim()) return [];
  const usable = draft && { ...draft, patterns: draft.patterns.filter((p) => !checkPattern(p)) };
  const entries = glossary.filter((e) => e.id !== draft?.id);
  // The draft goes first so that, on equal spans, the preview shows the entry being edited.
  if (usable?.patterns.length) entries.unshift(usable);
  if (!entries.length) return [];
  const compiled = compileGlossary(entries);
  return findMatches(compiled, sentence).flatMap((m) => {
    const entry = compiled.byId.get(m.entryId);
    if (!entry) return [];
    const isDraft = entry === usable;
    // Report the pattern index in the draft as typed, not in its compilable subset.
    const shown = isDraft ? usable.patterns[m.patternIndex ?? 0] : undefined;
    const patternIndex = isDraft ? draft!.patterns.indexOf(shown ?? '') : (m.patternIndex ?? 0);
    return [{ start: m.start, end: m.end, entry, patternIndex, isDraft }];
  });
}

/** The sentence with each match marked, then one line per match saying which entry and pattern. */
export function renderPreview(
  container: Element,
  sentence: string,
  matches: readonly PreviewMatch[],
): void {
  if (!sentence.trim()) return fill(container);
  if (!matches.length)
    return fill(container, h('p', { class: 'help', text: t('optionsPreviewNone') }));
  const marked = h('p', { class: 'preview-text' });
  let at = 0;
  for (const m of matches) {
    marked.append(sentence.slice(at, m.start));
    marked.append(
      h('mark', { class: m.isDraft ? 'draft' : 'other', text: sentence.slice(m.start, m.end) }),
    );
    at = m.end;
  }
  marked.append(sentence.slice(at));
  const why = h('ul', { class: 'preview-why' });
  for (const m of matches) {
    const pattern = m.entry.patterns[m.patternIndex] ?? '';
    why.append(
      h(
        'li',
        { class: m.isDraft ? 'draft' : 'other' },
        h('strong', { text: t('quoted', sentence.slice(m.start, m.end)) }),
        ' ',
        t(
          m.isDraft ? 'optionsPreviewByDraft' : 'optionsPreviewByOther',
          m.isDraft
            ? [String(m.patternIndex + 1)]
            : [displayPhrase(m.entry.patterns[0] ?? m.entry.id), m.entry.meaning],
        ),
        ' ',
        h('code', { text: pattern }),
      ),
    );
  }
  fill(container, marked, why);
}
