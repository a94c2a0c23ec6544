/** Packs and categories on/off: one checkbox each, re-rendered from settings. */
import { CATEGORIES, type Category, type Pack } from '../core/entry';
import { h, fill, t } from '../shared/ui/dom';
import { categoryLabel } from '../shared/ui/phrase';

function checkbox(id: string, label: string, checked: boolean, detail?: string): HTMLElement {
  return h(
    'label',
    { class: 'check', attrs: { 'data-id': id } },
    h('input', { attrs: { type: 'checkbox', value: id, checked } }),
    h('span', {}, h('span', { text: label }), detail && h('span', { class: 'help', text: detail })),
  );
}

/** One checkbox per pack (title, entry count); unticking one sends its id to `onToggle`. */
export function renderPacks(
  fieldset: HTMLFieldSetElement,
  packs: readonly Pack[],
  disabled: readonly string[],
  onToggle: (id: string, on: boolean) => void,
): void {
  const legend = fieldset.querySelector('legend');
  fill(
    fieldset,
    legend,
    ...packs.map((p) =>
      checkbox(
        p.id,
        p.title,
        !disabled.includes(p.id),
        t('optionsPackCount', String(p.entries.length)),
      ),
    ),
  );
  for (const input of fieldset.querySelectorAll('input'))
    input.addEventListener('change', () => onToggle(input.value, input.checked));
}

/** One checkbox per category. */
export function renderCategories(
  fieldset: HTMLFieldSetElement,
  disabled: readonly string[],
  onToggle: (category: Category, on: boolean) => void,
): void {
  const legend = fieldset.querySelector('legend');
  fill(
    fieldset,
    legend,
    ...CATEGORIES.map((c) => checkbox(c, categoryLabel(c), !disabled.includes(c))),
  );
  for (const input of fieldset.querySelectorAll('input'))
    input.addEventListener('change', () => onToggle(input.value as Category, input.checked));
}
