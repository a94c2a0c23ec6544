/**
 * The "Import and export" section, connected. An import is always previewed first; Apply sends
 * exactly the request that was previewed, and only when it had no errors. Changing the text, the
 * format or the mode after a preview disables Apply until the next preview.
 */
import { send, type ImportRequest } from '../shared/messages';
import { byId, t } from '../shared/ui/dom';
import { errorText, showNotice } from './notice';
import {
  detectFormat,
  download,
  MAX_IMPORT_BYTES,
  renderImportProblem,
  renderImportSummary,
  type ImportFormat,
  type ImportMode,
} from './transfer';

/** Wires the section. */
export function setupTransfer(doc: Document): void {
  const form = byId<HTMLFormElement>('import-form', doc);
  const file = byId<HTMLInputElement>('import-file', doc);
  const text = byId<HTMLTextAreaElement>('import-text', doc);
  const format = byId<HTMLSelectElement>('import-format', doc);
  const apply = byId<HTMLButtonElement>('import-apply', doc);
  const result = byId('import-result', doc);
  let previewed: ImportRequest | null = null;

  const request = (): ImportRequest => ({
    format: format.value as ImportFormat,
    text: text.value,
    mode: (form.querySelector<HTMLInputElement>('input[name="import-mode"]:checked')?.value ??
      'merge') as ImportMode,
  });
  /** The text, format or mode changed: the last preview (or result) no longer says what Apply would do. */
  const invalidate = () => {
    previewed = null;
    apply.disabled = true;
    result.replaceChildren();
  };

  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    invalidate();
    if (chosen.size > MAX_IMPORT_BYTES)
      return renderImportProblem(
        result,
        t('optionsImportTooLarge', [chosen.name, String(Math.round(MAX_IMPORT_BYTES / 1048576))]),
      );
    try {
      text.value = await chosen.text();
      format.value = detectFormat(chosen.name, text.value);
      result.replaceChildren();
    } catch (err) {
      renderImportProblem(result, t('optionsImportUnreadable', [chosen.name, errorText(err)]));
    }
  });
  text.addEventListener('input', () => {
    invalidate();
    if (!file.value) format.value = detectFormat('', text.value);
  });
  format.addEventListener('change', invalidate);
  for (const radio of form.querySelectorAll('input[name="import-mode"]'))
    radio.addEventListener('change', invalidate);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const req = request();
    if (!req.text.trim()) return renderImportProblem(result, t('optionsImportEmpty'));
    try {
      const summary = await send('import:preview', req);
      renderImportSummary(result, summary, req.mode);
      const changes = summary.added.length + summary.changed.length + summary.removed.length;
      previewed = !summary.errors.length && changes > 0 ? req : null;
      apply.disabled = previewed === null;
    } catch (err) {
      renderImportProblem(result, t('optionsFailed', errorText(err)));
    }
  });

  apply.addEventListener('click', async () => {
    if (!previewed) return;
    const req = previewed;
    previewed = null;
    apply.disabled = true;
    try {
      const summary = await send('import:apply', req);
      renderImportSummary(result, summary, req.mode);
      if (summary.applied) showNotice(doc, t('optionsImportDone'));
    } catch (err) {
      renderImportProblem(result, t('optionsFailed', errorText(err)));
    }
  });

  for (const fmt of ['json', 'csv'] as const)
    byId(`export-${fmt}`, doc).addEventListener('click', async () => {
      try {
        const { text: body, filename } = await send('export', { format: fmt });
        download(doc, body, filename, fmt);
      } catch (err) {
        showNotice(doc, t('optionsFailed', errorText(err)), { error: true });
      }
    });
}
