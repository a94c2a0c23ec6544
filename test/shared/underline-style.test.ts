import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';
import { underlineCss } from '../../src/shared/underline-style';

/** The rules of `css` as the browser parses them. */
function parse(css: string): CSSRuleList {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
  const rules = style.sheet!.cssRules;
  style.remove();
  return rules;
}

describe('the underline style sheet', () => {
  it('underlines on screen only: a printed article carries none of our underlines', () => {
    const rules = parse(underlineCss({ ...DEFAULT_SETTINGS.underline, minIntensity: 1 }, false));
    expect(rules).toHaveLength(1);
    const media = rules[0] as CSSMediaRule;
    expect(media.media.mediaText).toBe('not print');
    const inner = [...media.cssRules].map((r) => (r as CSSStyleRule).selectorText);
    // Every intensity, for the Highlight API and for the <subtext-mark> fallback.
    expect(inner.filter((s) => s.startsWith('::highlight('))).toHaveLength(5);
    expect(inner.filter((s) => s.startsWith('subtext-mark'))).toHaveLength(5);
  });
});
