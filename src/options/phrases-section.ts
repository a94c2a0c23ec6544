/**
 * The "Your phrases" section, connected: the list, the add/edit form with field errors and the
 * live preview, delete with undo, and the context menu's deep link `#add=<phrase>`.
 */
import type { Entry } from '../core/entry';
import { send } from '../shared/messages';
import { byId, t } from '../shared/ui/dom';
import {
  draftFromEntry,
  draftFromSelection,
  draftPatterns,
  EMPTY_DRAFT,
  entryDraftFromForm,
  fieldOf,
  fillForm,
  previewEntry,
  readDraft,
  showErrors,
  type Draft,
  type FieldError,
} from './entry-form';
import { renderEntryList } from './entry-list';
import { errorText, keepFocus, showNotice } from './notice';
import { displayPhrase } from '../shared/ui/phrase';
import { previewMatches, renderPreview } from './preview';
import { checkDraft } from './validate-draft';

export interface PhrasesSource {
  /** The reader's own entries. */
  readerEntries(): readonly Entry[];
  /** The effective glossary, for the preview. */
  effective(): readonly Entry[];
}

/** Wires the section; returns `refresh` to call when the reader's list changed. */
export function setupPhrases(doc: Document, source: PhrasesSource): { refresh(): void } {
  const form = byId<HTMLFormElement>('entry-form', doc);
  const list = byId('entry-list', doc);
  const sample = byId<HTMLTextAreaElement>('f-sample', doc);
  let editing: Entry | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const nameOf = (e: { patterns: string[] }) => displayPhrase(e.patterns[0] ?? '');

  const updatePreview = () => {
    const draft = readDraft(doc);
    // While typing, only the patterns and the link are checked: "meaning is required" would
    // nag before the reader got there. Everything is checked on save.
    showErrors(
      doc,
      checkDraft(draft).filter(
        (e) => (e.field === 'patterns' && draft.patterns.trim() !== '') || e.field === 'sourceUrl',
      ),
    );
    const out = byId('preview-out', doc);
    try {
      renderPreview(
        out,
        sample.value,
        previewMatches(source.effective(), previewEntry(draft, editing ?? undefined), sample.value),
      );
    } catch (err) {
      out.textContent = errorText(err);
    }
  };

  const open = (draft: Draft, entry: Entry | null, sentence = '') => {
    editing = entry;
    fillForm(doc, draft, entry !== null);
    sample.value = sentence || (entry?.examples[0] ?? '');
    form.hidden = false;
    updatePreview();
    form.scrollIntoView?.({ block: 'start' });
    byId(draft.patterns && !entry ? 'f-meaning' : 'f-patterns', doc).focus();
  };

  const close = (focusId?: string) => {
    form.hidden = true;
    const target = focusId
      ? list.querySelector<HTMLElement>(`[data-id="${focusId.replace(/["\\]/g, '')}"] button`)
      : null;
    (target ?? byId('add-entry', doc)).focus();
    editing = null;
  };

  const remove = async (entry: Entry) => {
    try {
      await send('entries:delete', { id: entry.id });
      showNotice(doc, t('optionsDeleted', nameOf(entry)), {
        action: {
          label: t('optionsUndo'),
          run: () =>
            void send('entries:save', { entry }).catch((err: unknown) =>
              showNotice(doc, t('optionsFailed', errorText(err)), { error: true }),
            ),
        },
      });
      byId('add-entry', doc).focus();
    } catch (err) {
      showNotice(doc, t('optionsFailed', errorText(err)), { error: true });
    }
  };

  const refresh = () =>
    keepFocus(list, () =>
      renderEntryList(list, source.readerEntries(), {
        edit: (entry) => open(draftFromEntry(entry), entry),
        remove: (entry) => void remove(entry),
      }),
    );

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void save();
  });
  const save = async () => {
    const draft = readDraft(doc);
    const local = checkDraft(draft);
    if (local.length) return void showErrors(doc, local)?.focus();
    const was = editing;
    try {
      const res = await send('entries:save', {
        entry: entryDraftFromForm(draft, was ?? undefined),
        ...(was ? { replaceId: was.id } : {}),
      });
      if (!res.ok) {
        const errors: FieldError[] = res.errors.map((e) => ({
          field: fieldOf(e.field),
          message: e.message,
        }));
        return void showErrors(doc, errors)?.focus();
      }
      showNotice(doc, t('optionsSaved', nameOf({ patterns: draftPatterns(draft) })));
      close(res.id);
    } catch (err) {
      // The form stays open with everything typed: nothing the reader wrote is lost.
      showErrors(doc, [{ field: '', message: t('optionsFailed', errorText(err)) }])?.focus();
    }
  };

  form.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(updatePreview, 120);
  });
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close(editing?.id);
  });
  byId('cancel-entry', doc).addEventListener('click', () => close(editing?.id));
  byId('add-entry', doc).addEventListener('click', () => open(EMPTY_DRAFT, null));

  const deepLink = () => {
    const m = /^#add=(.*)$/s.exec(doc.defaultView?.location.hash ?? '');
    if (!m) return;
    let phrase = '';
    try {
      phrase = decodeURIComponent(m[1] ?? '');
    } catch {
      phrase = m[1] ?? '';
    }
    // Drop the hash so a reload does not open the form again.
    doc.defaultView?.history.replaceState(null, '', doc.defaultView.location.pathname);
    open(draftFromSelection(phrase), null, phrase.trim());
  };
  doc.defaultView?.addEventListener('hashchange', deepLink);
  refresh();
  deepLink();
  return { refresh };
}
