/**
 * Subtext's content script, in every frame of http(s) pages (and their about:blank, srcdoc,
 * blob:, data: and sandboxed children).
 *
 * Pipeline: load settings → restore the glossary the background compiled (active-glossary.ts,
 * engine in src/core) → index the page into one text flow per block
 * (text-index.ts) → match each flow, in time slices (scan-session.ts, scheduler.ts) → underline
 * with five named CSS highlights, one per intensity (painter.ts, ../shared/underline-style.ts, page-style.ts;
 * `<subtext-mark>` only where the Highlight API is missing) → explain on hover, click or the
 * keyboard relay (card-controller.ts, card.ts) → keep up with the live page: mutations re-index
 * only the blocks they touched, SPA navigations rescan (mutation-queue.ts, navigation.ts).
 *
 * Everything done to the page belongs to one Teardown per activation (activation.ts): switching
 * Subtext off for the site or everywhere disposes it and the page is as it was; switching it on
 * again rescans. This file only decides when to activate and answers the popup's messages.
 */
import { primaryLanguage } from '../core/language';
import browser from '../shared/browser';
import { glossarySource, onGlossaryChange } from '../shared/glossary-source';
import { createDispatcher, send } from '../shared/messages';
import { isActiveOn, loadSettings, onSettingsChange, type Settings } from '../shared/settings';
import {
  deliverStoreChange,
  fromBackground,
  receiveStoreChange,
  TAB_KEYS,
} from '../shared/store-events';
import { KEYS, repairRevision } from '../shared/store-layout';
import { loadActiveGlossary } from './active-glossary';
import { activate, type Activation } from './activation';
import { watchDiagnostics } from './diagnostics';
import { whenReadable, type Gate } from './frame-gate';

/**
 * The site this frame belongs to, for "off on this site": the top page's hostname, so a page's
 * embeds and about:blank, blob:, data: and sandboxed frames follow the page the reader switched
 * off. Where the top page cannot be read (Firefox has no `ancestorOrigins`), the frame's own
 * hostname; empty for a frame with neither (a data: or sandboxed frame in Firefox).
 */
function siteHostname(): string {
  if (window.top === window) return ownHostname();
  const ancestors = location.ancestorOrigins;
  if (ancestors && ancestors.length > 0) {
    try {
      return new URL(ancestors[ancestors.length - 1]!).hostname;
    } catch {
      /* fall through */
    }
  }
  try {
    return window.top?.location.hostname || ownHostname();
  } catch {
    return ownHostname();
  }
}

/** This frame's hostname, or its origin's for a blob: URL (whose own hostname is empty). */
function ownHostname(): string {
  if (location.hostname) return location.hostname;
  try {
    return new URL(location.origin).hostname;
  } catch {
    return ''; // an opaque origin ("null"): data: and sandboxed frames
  }
}

/**
 * Whether Subtext runs in this frame. A frame whose site is unknown runs only while no site is
 * switched off: it could belong to one of them.
 */
function activeHere(settings: Settings): boolean {
  const site = siteHostname();
  return site ? isActiveOn(settings, site) : settings.enabled && !settings.disabledSites.length;
}

/** Settings changes that only need new underline styles, not a rescan. */
function onlyLooksChanged(a: Settings, b: Settings): boolean {
  const strip = (s: Settings) =>
    JSON.stringify({ ...s, underline: { ...s.underline, style: 0, color: 0 } });
  return strip(a) === strip(b);
}

function sendCount(count: number): void {
  send('page:count', { count }).catch(() => {
    // No background to receive it (extension reloading): the badge is not ours to fix from here.
  });
}

async function main(): Promise<void> {
  if (!(document.documentElement instanceof HTMLElement)) return; // XML, SVG documents
  const diagnostics = watchDiagnostics(fromBackground);
  let activation: Activation | null = null;
  // Changes reported while the settings are first read are replayed once every listener below
  // exists: the first read may have returned what they say changed.
  const early: [string[], string][] = [];
  const stopEarly = fromBackground((keys, area) => void early.push([[...keys], area]));
  browser.runtime.onMessage.addListener(
    createDispatcher({
      'page:report': () =>
        activation?.report() ?? { url: location.href, matches: [], active: false },
      'page:reveal': (req) => activation?.reveal(req) ?? null,
      'store:changed': receiveStoreChange,
    }),
  );
  let settings = await loadSettings();
  let generation = 0;
  let waiting: Gate | null = null;
  /** The revision of the reader's list the glossary was last restored for. */
  let seenRevision = -1;

  const stop = (): void => {
    activation?.teardown.dispose();
    activation = null;
  };

  const start = async (): Promise<void> => {
    const mine = ++generation;
    waiting?.cancel();
    waiting = null;
    if (!activeHere(settings)) {
      stop();
      // The background learns this tab's state (nothing underlined) for its badge.
      sendCount(0);
      return;
    }
    if (!activation && window.top !== window) {
      // A frame loads no glossary until it has text and is on screen (frame-gate.ts).
      waiting = whenReadable(document);
      await waiting.ready;
      if (mine !== generation) return;
    }
    await diagnostics.ready;
    if (mine !== generation) return; // a newer change superseded this one
    // Restored in slices of a few ms in idle periods (active-glossary.ts), never one long task.
    const compileStart = performance.now();
    const compiled = await loadActiveGlossary(
      (revision) => {
        seenRevision = revision;
        return glossarySource(settings, revision);
      },
      () => mine === generation,
      document.documentElement?.lang,
    );
    if (!compiled.completed || mine !== generation) return;
    diagnostics.recordCompile(compileStart, compiled.entries, compiled);
    const glossary = compiled.glossary;
    if (!glossary) return stop();
    if (activation) return activation.rescan(glossary);
    activation = activate({
      doc: document,
      settings,
      glossary,
      onPass: (pass) => diagnostics.record(pass),
      onCount: sendCount,
      details: (id) => send('entry:details', { id }),
    });
  };

  onSettingsChange((next) => {
    const prev = settings;
    // A repeated report (a replay, a page back from the cache) changes nothing.
    if (JSON.stringify(prev) === JSON.stringify(next)) return;
    settings = next;
    if (activation && activeHere(next) && onlyLooksChanged(prev, next))
      activation.restyle(next.underline);
    else {
      // Hover delay, packs, categories, minimum intensity: a fresh activation with the new values.
      stop();
      void start();
    }
  }, fromBackground);
  onGlossaryChange(() => {
    // Restored again only for a revision it has not restored (or started to restore) yet.
    void browser.storage.local
      .get(KEYS.revision)
      .catch(() => ({}) as Record<string, unknown>)
      .then((got) => {
        if (repairRevision(got[KEYS.revision]) !== seenRevision) void start();
      });
  }, fromBackground);
  stopEarly();
  for (const [keys, area] of early) deliverStoreChange(keys, area);

  // A page kept in the back/forward cache, frozen in the background or prerendered may not hear
  // a report: when it comes back (or is shown), it reads the settings, the diagnostics flag and
  // the revision again; the listeners above act only on what changed. Chromium fires `resume`
  // when a page comes back from the back/forward cache, Firefox only `pageshow`.
  const recheck = (): void => deliverStoreChange([...TAB_KEYS], 'local');
  window.addEventListener('pageshow', (event) => void (event.persisted && recheck()), true);
  document.addEventListener('resume', recheck, true);
  document.addEventListener('prerenderingchange', recheck, true);

  // The page's declared language gates the glossary (src/core/language.ts). A single-page app
  // that switches its locale sets `<html lang>` without a reload: the glossary is restored again
  // for the new language and the page scanned with it.
  let language = primaryLanguage(document.documentElement?.lang);
  const watchLang = (): void => {
    const html = document.documentElement;
    if (html) langWatch.observe(html, { attributes: true, attributeFilter: ['lang'] });
    const now = primaryLanguage(html?.lang);
    if (now === language) return;
    language = now;
    // Switched off here: nothing to restore (switching on later reads the language then).
    if (activeHere(settings)) void start();
  };
  const langWatch = new MutationObserver(watchLang);
  langWatch.observe(document, { childList: true }); // a new root element (document.write)
  watchLang();

  await start();
}

main().catch((err: unknown) => console.warn('Subtext: could not start on this page', err));
