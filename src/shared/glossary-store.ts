/**
 * Read side of the glossary store, for every context (content scripts, popup, options). Only the
 * background writes (src/background/store-writer.ts); here the stored document is read, repaired in
 * memory if it is corrupt, and combined with the built-in packs into the effective list.
 */
import browser from './browser';
import type { Entry } from '../core/entry';
import { BUILTIN_PACKS } from '../glossary/index';
import { buildEffectiveEntries } from './effective-glossary';
import { loadSettings, type Settings } from './settings';
import { KEYS, repairReaderDoc, repairRevision, type ReaderDoc } from './store-layout';

export interface GlossaryState {
  /** The effective list: enabled packs/categories, overrides applied, reader's entries added. */
  entries: Entry[];
  /** Bumped by the background on every change to the reader's list or overrides. */
  revision: number;
}

/** Reads the reader's document and revision from storage.local, repaired; never throws. */
export async function readReaderDoc(): Promise<{
  doc: ReaderDoc;
  revision: number;
  dropped: unknown[];
}> {
  const got = await browser.storage.local.get([KEYS.reader, KEYS.revision]);
  const { doc, dropped } = repairReaderDoc(got[KEYS.reader]);
  return { doc, revision: repairRevision(got[KEYS.revision]), dropped };
}

/**
 * The effective glossary for `settings` (loaded when not given). Reads storage.local only. Never
 * throws: a corrupt store gives the built-ins plus whatever of the reader's list is still valid,
 * and an unreadable one the built-ins alone, with a logged message.
 */
export async function loadGlossary(settings?: Settings): Promise<GlossaryState> {
  const s = settings ?? (await loadSettings());
  try {
    const { doc, revision, dropped } = await readReaderDoc();
    if (dropped.length)
      console.warn(`Subtext: ignored ${dropped.length} corrupt stored record(s) of your list`);
    return { entries: buildEffectiveEntries(BUILTIN_PACKS, doc, s), revision };
  } catch (err) {
    console.warn('Subtext: could not read your phrase list; using the built-in glossary', err);
    return {
      entries: buildEffectiveEntries(BUILTIN_PACKS, { entries: [], overrides: [] }, s),
      revision: 0,
    };
  }
}
