import { afterEach, describe, expect, it } from 'vitest';
import { VisibilityCheck } from '../../src/content/visibility';

type Checkable = { checkVisibility?: () => boolean };
const proto = Element.prototype as unknown as Checkable;

afterEach(() => {
  delete proto.checkVisibility;
  document.body.innerHTML = '';
});

describe('whether the reader can see a decoded phrase', () => {
  it('treats text as visible where the browser cannot tell (no checkVisibility)', () => {
    document.body.innerHTML = '<p>grave concern</p>';
    expect(new VisibilityCheck().of(document.querySelector('p')!.firstChild!)).toBe(true);
  });

  it('drops text the browser does not render and text under visibility:hidden', () => {
    document.body.innerHTML =
      '<p id="a">shown</p><p id="b">not rendered</p><p id="c" style="visibility:hidden">ghost</p>';
    proto.checkVisibility = function (this: Element) {
      return this.id !== 'b';
    };
    const check = new VisibilityCheck();
    const text = (id: string) => document.getElementById(id)!.firstChild!;
    expect([check.of(text('a')), check.of(text('b')), check.of(text('c'))]).toEqual([
      true,
      false,
      false,
    ]);
  });
});
