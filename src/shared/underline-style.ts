/**
 * How underlines look: one named highlight per intensity (`subtext-1` … `subtext-5`), never one
 * per phrase, because style cost grows with highlight names and rules, not with ranges
 * (../shared/docs/browser-testing.md). The same rules style the `<subtext-mark>` fallback.
 *
 * Colour is never the only cue: mild phrases are dotted, middling dashed, severe wavy and thicker,
 * so the scale reads in greyscale too. The colours are from the Okabe–Ito palette (distinguishable
 * with the common colour-vision deficiencies: blue against orange/vermillion), darkened for light
 * pages and lightened for dark ones to keep about 3:1 against the background.
 */
import type { Intensity } from '../core/entry';
import type { Settings } from './settings';

export const INTENSITIES: readonly Intensity[] = [1, 2, 3, 4, 5];

/** The registered highlight name for an intensity. */
export function highlightName(intensity: Intensity): string {
  return `subtext-${intensity}`;
}

const AUTO_STYLE: Record<Intensity, string> = {
  1: 'dotted',
  2: 'dotted',
  3: 'dashed',
  4: 'wavy',
  5: 'wavy',
};
const THICKNESS: Record<Intensity, string> = {
  1: '1.5px',
  2: '2px',
  3: '2px',
  4: '1.5px',
  5: '2.5px',
};
const LIGHT_PAGE: Record<Intensity, string> = {
  1: '#0072b2',
  2: '#0072b2',
  3: '#a35200',
  4: '#c4320a',
  5: '#c4320a',
};
const DARK_PAGE: Record<Intensity, string> = {
  1: '#56b4e9',
  2: '#56b4e9',
  3: '#e69f00',
  4: '#ff8c5a',
  5: '#ff8c5a',
};
/** Settings only ever hold hex colours (repairSettings), but the value lands in CSS: check again. */
const HEX_COLOR = /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;

/** The colour and line an intensity gets under the reader's settings. */
export function underlineFor(
  intensity: Intensity,
  underline: Settings['underline'],
  isDarkPage: boolean,
): { color: string; style: string; thickness: string } {
  const auto = (isDarkPage ? DARK_PAGE : LIGHT_PAGE)[intensity];
  return {
    color: underline.color !== 'auto' && HEX_COLOR.test(underline.color) ? underline.color : auto,
    style: underline.style === 'auto' ? AUTO_STYLE[intensity] : underline.style,
    thickness: THICKNESS[intensity],
  };
}

/**
 * The stylesheet for every intensity: `::highlight()` rules for the Highlight API and the same
 * decoration for `subtext-mark[data-intensity]` (fallback). Intensities below the reader's minimum
 * get no rule (their ranges are not registered either). Nothing of it applies in print.
 */
export function underlineCss(underline: Settings['underline'], isDarkPage: boolean): string {
  const rules: string[] = [];
  for (const i of INTENSITIES) {
    if (i < underline.minIntensity) continue;
    const u = underlineFor(i, underline, isDarkPage);
    const decl = `text-decoration: underline ${u.style} ${u.color} ${u.thickness};`;
    rules.push(`::highlight(${highlightName(i)}) { ${decl} }`);
    rules.push(`subtext-mark[data-intensity="${i}"] { all: unset; ${decl} }`);
  }
  // On screen only: a printed article is the page's, without our underlines.
  return `@media not print {\n${rules.join('\n')}\n}`;
}

function luminance(rgb: string): number | null {
  const m = /rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?/.exec(rgb);
  if (!m) return null;
  const alpha = m[4] === undefined ? 1 : parseFloat(m[4]) / (m[4].endsWith('%') ? 100 : 1);
  if (alpha < 0.5) return null;
  const [r, g, b] = [m[1], m[2], m[3]].map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * True when the page's background is dark. Read once per scan from `<body>` then `<html>` (two
 * getComputedStyle calls, outside any hot path); a transparent page falls back to the reader's
 * colour-scheme preference, since that is what the browser paints behind it.
 */
export function isDarkPage(doc: Document): boolean {
  const view = doc.defaultView;
  if (!view) return false;
  for (const el of [doc.body, doc.documentElement]) {
    if (!el) continue;
    const l = luminance(view.getComputedStyle(el).backgroundColor);
    if (l !== null) return l < 0.2;
  }
  return view.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
}
