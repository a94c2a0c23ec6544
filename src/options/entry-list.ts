/** The reader's own phrases, each with Edit and Delete. */
import type { Entry } from '../core/entry';
import { h, fill, t } from '../shared/ui/dom';
import { categoryLabel, displayPhrase } from '../shared/ui/phrase';

export interface EntryListActions {
  edit(entry: Entry): void;
  remove(entry: Entry): void;
}

/** Renders the list, sorted by phrase; says so when the reader has no phrases yet. */
export function renderEntryList(
  container: Element,
  entries: readonly Entry[],
  actions: EntryListActions,
): void {
  if (!entries.length)
    return fill(container, h('p', { class: 'empty', text: t('optionsNoPhrases') }));
  const named = entries
    .map((entry) => ({ entry, phrase: displayPhrase(entry.patterns[0] ?? entry.id) }))
    .sort((a, b) => a.phrase.localeCompare(b.phrase));
  const list = h('ul', { class: 'entries' });
  for (const { entry, phrase } of named) {
    const edit = h('button', {
      class: 'link',
      text: t('optionsEdit'),
      attrs: { type: 'button', 'aria-label': t('optionsEditNamed', phrase) },
    });
    const remove = h('button', {
      class: 'link danger',
      text: t('optionsDelete'),
      attrs: { type: 'button', 'aria-label': t('optionsDeleteNamed', phrase) },
    });
    edit.addEventListener('click', () => actions.edit(entry));
    remove.addEventListener('click', () => actions.remove(entry));
    list.append(
      h(
        'li',
        { class: 'entry', attrs: { 'data-id': entry.id } },
        h(
          'div',
          { class: 'entry-text' },
          h('span', { class: 'phrase', text: t('quoted', phrase) }),
          h('span', { class: 'meaning', text: entry.meaning }),
          h('span', {
            class: 'meta',
            text: `${categoryLabel(entry.category)} · ${t('intensityOf', String(entry.intensity))}${
              entry.patterns.length > 1
                ? ` · ${t('optionsMorePatterns', String(entry.patterns.length - 1))}`
                : ''
            }`,
          }),
        ),
        h('div', { class: 'entry-actions' }, edit, remove),
      ),
    );
  }
  fill(container, list);
}
