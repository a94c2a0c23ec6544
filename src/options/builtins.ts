/**
 * The built-in entries on the options page: a search over them to hide one or re-word its
 * meaning. With an empty search the list shows the entries the reader has already changed, so
 * every change can be found again and undone.
 */
import type { Entry, Pack } from '../core/entry';
import type { Override } from '../shared/store-layout';
import { h, fill, t } from '../shared/ui/dom';
import { categoryLabel, displayPhrase, patternWords } from '../shared/ui/phrase';

export interface BuiltinActions {
  setHidden(id: string, hidden: boolean): void;
  startReword(id: string): void;
  saveReword(id: string, words: { meaning: string; explanation: string }): void;
  cancelReword(): void;
  restore(id: string): void;
}

/** How many entries one search shows; more is unreadable, and the reader can type more words. */
export const BUILTIN_LIMIT = 40;

const fold = (s: string) =>
  s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ');

/** Built-in entries whose phrase, meaning or id holds every word of `query`, in pack order. */
export function findBuiltins(
  packs: readonly Pack[],
  overrides: ReadonlyMap<string, Override>,
  query: string,
): { entry: Entry; pack: Pack }[] {
  const words = fold(query).split(' ').filter(Boolean);
  const all = packs.flatMap((pack) => pack.entries.map((entry) => ({ entry, pack })));
  if (!words.length) return all.filter(({ entry }) => overrides.has(entry.id));
  return all.filter(({ entry }) => {
    const o = overrides.get(entry.id);
    const hay = fold(
      [entry.id, ...entry.patterns.map(patternWords), entry.meaning, o?.meaning ?? ''].join(' '),
    );
    return words.every((w) => hay.includes(w));
  });
}

function rewordForm(entry: Entry, o: Override | undefined, actions: BuiltinActions): HTMLElement {
  const id = `rw-${entry.id}`;
  const meaning = h('input', {
    attrs: {
      id: `${id}-meaning`,
      type: 'text',
      maxlength: 200,
      value: o?.meaning ?? entry.meaning,
    },
  });
  const explanation = h('textarea', { attrs: { id: `${id}-explanation`, rows: 3 } });
  explanation.value = o?.explanation ?? entry.explanation;
  const form = h(
    'form',
    {
      class: 'reword',
      attrs: {
        'aria-label': t('optionsRewordNamed', displayPhrase(entry.patterns[0] ?? entry.id)),
      },
    },
    h(
      'div',
      { class: 'field' },
      h('label', { text: t('optionsFieldMeaning'), attrs: { for: meaning.id } }),
      meaning,
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { text: t('optionsFieldExplanation'), attrs: { for: explanation.id } }),
      explanation,
    ),
    h(
      'div',
      { class: 'actions' },
      h('button', { class: 'primary', text: t('optionsSave'), attrs: { type: 'submit' } }),
      h('button', { class: 'cancel', text: t('optionsCancel'), attrs: { type: 'button' } }),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    actions.saveReword(entry.id, {
      meaning: meaning.value.trim(),
      explanation: explanation.value.trim(),
    });
  });
  form.querySelector('.cancel')?.addEventListener('click', () => actions.cancelReword());
  return form;
}

function builtinItem(
  entry: Entry,
  pack: Pack,
  o: Override | undefined,
  editing: boolean,
  actions: BuiltinActions,
): HTMLLIElement {
  const phrase = displayPhrase(entry.patterns[0] ?? entry.id);
  const button = (key: string, named: string, onClick: () => void) => {
    const b = h('button', {
      class: 'link',
      text: t(key),
      attrs: { type: 'button', 'aria-label': t(named, phrase) },
    });
    b.addEventListener('click', onClick);
    return b;
  };
  const reworded = o?.meaning !== undefined || o?.explanation !== undefined;
  return h(
    'li',
    { class: o?.hidden ? 'entry hidden-entry' : 'entry', attrs: { 'data-id': entry.id } },
    h(
      'div',
      { class: 'entry-text' },
      h('span', { class: 'phrase', text: t('quoted', phrase) }),
      // The patterns as written: what exactly is matched, variants included.
      h('code', { class: 'pattern', text: entry.patterns.join('\n') }),
      h('span', { class: 'meaning', text: o?.meaning ?? entry.meaning }),
      reworded &&
        o?.meaning !== undefined &&
        h('span', { class: 'meta', text: t('optionsWas', entry.meaning) }),
      h(
        'span',
        { class: 'meta' },
        [
          pack.title,
          categoryLabel(entry.category),
          o?.hidden ? t('optionsHiddenTag') : '',
          reworded ? t('optionsRewordedTag') : '',
        ]
          .filter(Boolean)
          .join(' · '),
      ),
      editing && rewordForm(entry, o, actions),
    ),
    h(
      'div',
      { class: 'entry-actions' },
      o?.hidden
        ? button('optionsShow', 'optionsShowNamed', () => actions.setHidden(entry.id, false))
        : button('optionsHide', 'optionsHideNamed', () => actions.setHidden(entry.id, true)),
      !editing &&
        button('optionsReword', 'optionsRewordNamed', () => actions.startReword(entry.id)),
      o && button('optionsRestore', 'optionsRestoreNamed', () => actions.restore(entry.id)),
    ),
  );
}

/** The search results (or, for an empty query, the changed entries), at most BUILTIN_LIMIT. */
export function renderBuiltins(
  container: Element,
  state: {
    packs: readonly Pack[];
    overrides: ReadonlyMap<string, Override>;
    query: string;
    editing: string | null;
  },
  actions: BuiltinActions,
): void {
  const found = findBuiltins(state.packs, state.overrides, state.query);
  if (!found.length)
    return fill(
      container,
      h('p', {
        class: 'empty',
        text: state.query.trim() ? t('optionsBuiltinNone', state.query) : t('optionsBuiltinHint'),
      }),
    );
  const shown = found.slice(0, BUILTIN_LIMIT);
  fill(
    container,
    !state.query.trim() && h('p', { class: 'help', text: t('optionsBuiltinChanged') }),
    h(
      'ul',
      { class: 'entries' },
      ...shown.map(({ entry, pack }) =>
        builtinItem(
          entry,
          pack,
          state.overrides.get(entry.id),
          state.editing === entry.id,
          actions,
        ),
      ),
    ),
    found.length > shown.length &&
      h('p', {
        class: 'help',
        text: t('optionsBuiltinMore', [String(shown.length), String(found.length)]),
      }),
  );
}
