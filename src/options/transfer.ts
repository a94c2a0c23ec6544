/**
 * Import and export on the options page: guessing a file's format, showing what an import would
 * change (and every error, by line and field) before anything is applied, and saving an export.
 */
import type { ImportRequest, ImportSummary } from '../shared/messages';
import { h, fill, t } from '../shared/ui/dom';

export type ImportFormat = ImportRequest['format'];
export type ImportMode = ImportRequest['mode'];

/** Larger files are refused before they are read: the list itself has tighter limits. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** The format of a file by its name, else by its first character (`[` or `{` is JSON). */
export function detectFormat(name: string, text: string): ImportFormat {
  if (/\.json$/i.test(name)) return 'json';
  if (/\.csv$/i.test(name)) return 'csv';
  return /^\s*[[{]/.test(text) ? 'json' : 'csv';
}

/** Errors shown at most; past that the reader fixes the file, not the list. */
const MAX_ERRORS_SHOWN = 50;

/** Ids listed after a count; the rest are summed up, the counts are what matter. */
const MAX_IDS_SHOWN = 8;

function countLine(key: string, ids: readonly string[], danger = false): HTMLLIElement {
  const names = ids.slice(0, MAX_IDS_SHOWN).join(', ');
  const more =
    ids.length > MAX_IDS_SHOWN
      ? ` ${t('optionsImportAndMore', String(ids.length - MAX_IDS_SHOWN))}`
      : '';
  return h(
    'li',
    { class: danger && ids.length ? 'danger' : '' },
    h('span', { class: 'count-text', text: t(key, String(ids.length)) }),
    ids.length > 0 && h('span', { class: 'ids', text: `${names}${more}` }),
  );
}

/** The preview (or the result) of an import: counts with ids, then a table of errors by line. */
export function renderImportSummary(
  container: Element,
  summary: ImportSummary & { applied?: boolean },
  mode: ImportMode,
): void {
  const counts = h(
    'ul',
    { class: 'counts' },
    countLine('optionsImportAdded', summary.added),
    countLine('optionsImportChanged', summary.changed),
    countLine('optionsImportRemoved', summary.removed, true),
    h('li', { text: t('optionsImportUnchanged', String(summary.unchanged.length)) }),
  );
  const title = summary.applied
    ? t('optionsImportDone')
    : summary.errors.length === 1
      ? t('optionsImportHasOneError')
      : summary.errors.length
        ? t('optionsImportHasErrors', String(summary.errors.length))
        : t(mode === 'replace' ? 'optionsImportReadyReplace' : 'optionsImportReadyMerge');
  const errors =
    summary.errors.length > 0 &&
    h(
      'table',
      { class: 'errors' },
      h('caption', { text: t('optionsImportErrorsCaption') }),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { text: t('optionsImportColLine'), attrs: { scope: 'col' } }),
          h('th', { text: t('optionsImportColField'), attrs: { scope: 'col' } }),
          h('th', { text: t('optionsImportColProblem'), attrs: { scope: 'col' } }),
        ),
      ),
      h(
        'tbody',
        {},
        ...summary.errors
          .slice(0, MAX_ERRORS_SHOWN)
          .map((e) =>
            h(
              'tr',
              {},
              h('td', { text: e.line > 0 ? String(e.line) : '—' }),
              h('td', { text: e.field || '—' }),
              h('td', { text: e.message }),
            ),
          ),
      ),
    );
  fill(
    container,
    h('p', { class: summary.errors.length ? 'summary bad' : 'summary', text: title }),
    counts,
    errors,
    summary.errors.length > MAX_ERRORS_SHOWN &&
      h('p', {
        class: 'help',
        text: t('optionsImportMoreErrors', String(summary.errors.length - MAX_ERRORS_SHOWN)),
      }),
  );
}

/** A problem before the background was even asked (file too large, unreadable, empty). */
export function renderImportProblem(container: Element, message: string): void {
  fill(container, h('p', { class: 'summary bad', attrs: { role: 'alert' }, text: message }));
}

/** Saves `text` as a file through a temporary link: no permission, no network. */
export function download(
  doc: Document,
  text: string,
  filename: string,
  format: ImportFormat,
): void {
  const type = format === 'json' ? 'application/json' : 'text/csv';
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = h('a', { attrs: { href: url, download: filename, hidden: true } });
  doc.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
