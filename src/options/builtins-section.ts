/**
 * The built-in entries section, connected: the search box, which entry is being re-worded, and
 * `builtin:override` for hide, show, re-word and restore. An override is sent whole (hidden,
 * meaning, explanation): changing one part keeps the others; an empty override restores the entry.
 */
import type { Pack } from '../core/entry';
import { send } from '../shared/messages';
import type { Override } from '../shared/store-layout';
import { byId, t } from '../shared/ui/dom';
import { renderBuiltins, type BuiltinActions } from './builtins';
import { errorText, keepFocus, showNotice } from './notice';

/** What `builtin:override` takes: the override without its pack version (the store sets it). */
type OverrideChange = Omit<Override, 'packVersion'>;

export interface BuiltinsSource {
  packs(): readonly Pack[];
  overrides(): ReadonlyMap<string, Override>;
}

/** Wires the section; returns `refresh` to call when packs or overrides changed. */
export function setupBuiltins(doc: Document, source: BuiltinsSource): { refresh(): void } {
  const list = byId('builtin-list', doc);
  let query = '';
  let rewording: string | null = null;

  const current = (id: string): OverrideChange => {
    const { packVersion: _, ...rest } = source.overrides().get(id) ?? {};
    return rest;
  };
  const sendOverride = (id: string, change: OverrideChange) => {
    const override = Object.keys(change).length ? change : null;
    send('builtin:override', { id, override })
      .then((res) => {
        if (!res.ok) showNotice(doc, res.errors.map((e) => e.message).join(' '), { error: true });
      })
      .catch((err: unknown) =>
        showNotice(doc, t('optionsFailed', errorText(err)), { error: true }),
      );
  };

  const actions: BuiltinActions = {
    setHidden(id, hidden) {
      const next: OverrideChange = { ...current(id), hidden };
      if (!hidden) delete next.hidden;
      sendOverride(id, next);
    },
    startReword(id) {
      rewording = id;
      refresh();
      doc.getElementById(`rw-${id}-meaning`)?.focus();
    },
    saveReword(id, words) {
      const original = source
        .packs()
        .flatMap((p) => p.entries)
        .find((e) => e.id === id);
      const next: OverrideChange = { ...current(id), ...words };
      // Words equal to the original (or left empty) are not a re-wording.
      if (!words.meaning || words.meaning === original?.meaning) delete next.meaning;
      if (!words.explanation || words.explanation === original?.explanation)
        delete next.explanation;
      rewording = null;
      sendOverride(id, next);
    },
    cancelReword() {
      rewording = null;
      refresh();
    },
    restore(id) {
      rewording = null;
      sendOverride(id, {});
    },
  };

  const refresh = () =>
    keepFocus(list, () =>
      renderBuiltins(
        list,
        { packs: source.packs(), overrides: source.overrides(), query, editing: rewording },
        actions,
      ),
    );

  byId<HTMLInputElement>('builtin-search', doc).addEventListener('input', (event) => {
    query = (event.target as HTMLInputElement).value;
    refresh();
  });
  refresh();
  return { refresh };
}
