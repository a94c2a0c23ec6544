/**
 * The glossary messages: read the list, save or delete the reader's entries, hide or re-word
 * built-in ones, import and export. Every change goes through the store writer (one at a time,
 * revision bumped) and then to sync.
 */
import browser from '../shared/browser';
import { BUILTIN_PACKS } from '../glossary/index';
import { readReaderDoc } from '../shared/glossary-store';
import {
  exportEntries,
  parseImport,
  planImport,
  type ImportContext,
} from '../shared/import-export';
import type { GlossarySnapshot, Handlers, ImportRequest, ImportSummary } from '../shared/messages';
import { loadSettings } from '../shared/settings';
import { KEYS, liveEntries, liveOverrides } from '../shared/store-layout';
import {
  builtinIds,
  defaultSource,
  deleteEntry,
  saveEntry,
  setOverride,
  withEntries,
} from './entry-edits';
import { NOTICE_KEY, update } from './store-writer';
import { reconcile } from './sync';

const importContext = (): ImportContext => ({ builtinIds, defaultSource: defaultSource() });

/** After a change: push it to sync (failures there never undo the local change). */
const synced = <T>(result: T): T => {
  void reconcile('local');
  return result;
};

async function snapshot(): Promise<GlossarySnapshot> {
  const [{ doc, revision }, settings, local, session] = await Promise.all([
    readReaderDoc(),
    loadSettings(),
    browser.storage.local.get(KEYS.diagnostics),
    browser.storage.session.get(NOTICE_KEY),
  ]);
  const off = new Set(settings.disabledPacks);
  const notice = session[NOTICE_KEY];
  return {
    packs: BUILTIN_PACKS.map((p) => ({ ...p, enabled: !off.has(p.id) })),
    entries: liveEntries(doc),
    overrides: Object.fromEntries(liveOverrides(doc)),
    revision,
    diagnostics: local[KEYS.diagnostics] === true,
    ...(typeof notice === 'string' ? { notice } : {}),
  };
}

async function previewImport(req: ImportRequest) {
  const { doc } = await readReaderDoc();
  const { next: _next, ...summary } = planImport(
    liveEntries(doc),
    parseImport(req.format, req.text, importContext()),
    req.mode,
  );
  return summary;
}

type Applied = ImportSummary & { applied: boolean };

function applyImport(req: ImportRequest): Promise<Applied> {
  const parsed = parseImport(req?.format, req?.text, importContext());
  return update<Applied>((doc, now) => {
    const { next, ...summary } = planImport(liveEntries(doc), parsed, req.mode);
    if (summary.errors.length) return { doc: null, result: { ...summary, applied: false } };
    const byId = new Map(next.map((e) => [e.id, e]));
    const written = [...summary.added, ...summary.changed].map((id) => byId.get(id)!);
    return {
      doc: withEntries(doc, now, written, summary.removed),
      result: { ...summary, applied: true },
    };
  });
}

export const glossaryHandlers: Handlers = {
  'glossary:get': () => snapshot(),
  'entries:save': async ({ entry, replaceId }) => synced(await saveEntry(entry, replaceId)),
  'entries:delete': async ({ id }) => synced(await deleteEntry(id)),
  'builtin:override': async ({ id, override }) => synced(await setOverride(id, override)),
  'import:preview': (req) => previewImport(req),
  'import:apply': async (req) => synced(await applyImport(req)),
  export: async ({ format }) => {
    const { doc } = await readReaderDoc();
    return exportEntries(liveEntries(doc), format === 'csv' ? 'csv' : 'json', new Date());
  },
};
