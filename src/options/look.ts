/**
 * The look of the underline: the controls (style, colour, minimum intensity, card delay) and a
 * live sample with one phrase per intensity, drawn the way pages draw them.
 *
 * The sample uses `underlineFor` from src/shared/underline-style.ts, the very rule the content
 * script paints with, so the two cannot drift apart.
 */
import type { Intensity } from '../core/entry';
import type { Settings } from '../shared/settings';
import { h, fill, t, byId } from '../shared/ui/dom';
import { underlineFor } from '../shared/underline-style';

/** Sample phrases from the built-in glossary, mildest first. */
const SAMPLES: readonly [Intensity, string][] = [
  [1, 'cordial talks'],
  [2, 'a constructive meeting'],
  [3, 'a frank exchange of views'],
  [4, 'deplores'],
  [5, 'grave concern'],
];

/**
 * Sets the controls from settings. The control the reader is using keeps its value: a saved
 * change coming back from storage must not overwrite what they typed since.
 */
export function renderLookControls(doc: Document, settings: Settings): void {
  const u = settings.underline;
  const set = (id: string, apply: (el: HTMLInputElement) => void) => {
    const el = byId<HTMLInputElement>(id, doc);
    if (doc.activeElement !== el) apply(el);
  };
  set('look-style', (el) => (el.value = u.style));
  set('colour-auto', (el) => (el.checked = u.color === 'auto'));
  set('colour-custom', (el) => (el.checked = u.color !== 'auto'));
  set('look-colour', (el) => u.color !== 'auto' && (el.value = u.color));
  byId<HTMLInputElement>('look-colour', doc).disabled = u.color === 'auto';
  set('look-min', (el) => (el.value = String(u.minIntensity)));
  set('look-delay', (el) => (el.value = String(settings.hoverDelayMs)));
}

/** What the controls say now, as a settings patch. */
export function readLook(doc: Document): Pick<Settings, 'underline' | 'hoverDelayMs'> | null {
  const custom = byId<HTMLInputElement>('colour-custom', doc).checked;
  const delay = Number(byId<HTMLInputElement>('look-delay', doc).value);
  if (!Number.isInteger(delay) || delay < 0 || delay > 5000) return null;
  return {
    underline: {
      style: byId<HTMLSelectElement>('look-style', doc).value as Settings['underline']['style'],
      color: custom ? byId<HTMLInputElement>('look-colour', doc).value : 'auto',
      minIntensity: Number(byId<HTMLSelectElement>('look-min', doc).value) as Intensity,
    },
    hoverDelayMs: delay,
  };
}

/** The sample: each phrase underlined as pages will show it, or struck as hidden below the minimum. */
export function renderSample(doc: Document, underline: Settings['underline'], dark: boolean): void {
  const sample = byId('look-sample', doc);
  fill(
    sample,
    h(
      'ul',
      { class: 'sample-list' },
      ...SAMPLES.map(([intensity, phrase]) => {
        const shown = intensity >= underline.minIntensity;
        const text = h('span', {
          class: shown ? 'sample-phrase' : 'sample-phrase off',
          text: phrase,
        });
        if (shown) {
          const u = underlineFor(intensity, underline, dark);
          text.style.textDecoration = `underline ${u.style} ${u.color} ${u.thickness}`;
        }
        return h(
          'li',
          {},
          text,
          ' ',
          h('span', {
            class: 'help',
            text: shown
              ? t('intensityOf', String(intensity))
              : t('optionsSampleHidden', String(intensity)),
          }),
        );
      }),
    ),
  );
}
