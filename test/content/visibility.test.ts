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

describe('text a style hides from sight', () => {
  const rendered = () =>
    (proto.checkVisibility = function () {
      return true;
    });
  const seen = (html: string) => {
    document.body.innerHTML = html;
    const check = new VisibilityCheck();
    return [...document.querySelectorAll('[data-t]')].map((el) => [
      el.getAttribute('data-t'),
      check.of(el.firstChild!),
    ]);
  };

  it('drops visibility:collapse, a zero font size and screen-reader-only text clipped to nothing', () => {
    rendered();
    expect(
      seen(
        '<table><tr style="visibility:collapse"><td data-t="collapsed">grave concern</td></tr></table>' +
          '<p style="font-size:0"><span data-t="zero font">grave concern</span></p>' +
          '<div style="position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0, 0, 0, 0)"><p><b data-t="sr-only clip">grave concern</b></p></div>' +
          '<div style="position:absolute;clip:rect(1px, 1px, 1px, 1px)"><i data-t="sr-only 1px clip">grave concern</i></div>' +
          '<div style="clip-path:inset(50%)"><p data-t="clip-path inset">grave concern</p></div>' +
          '<div style="clip-path:inset(0px 0px 100%)"><p data-t="clip-path to the top">grave concern</p></div>' +
          '<p data-t="control">grave concern</p>',
      ),
    ).toEqual([
      ['collapsed', false],
      ['zero font', false],
      ['sr-only clip', false],
      ['sr-only 1px clip', false],
      ['clip-path inset', false],
      ['clip-path to the top', false],
      ['control', true],
    ]);
  });

  it('keeps text a page fades in, clips only in part, or clips without placing the box', () => {
    rendered();
    // A wipe under way: the clip is animated, so the text is on its way in.
    const wiping = Element.prototype as unknown as { getAnimations?: () => unknown[] };
    wiping.getAnimations = function (this: Element) {
      return this.id === 'wipe' ? [{}] : [];
    };
    expect(
      seen(
        '<p style="opacity:0" data-t="fading in">grave concern</p>' +
          '<div style="clip-path:inset(10% 20%)"><p data-t="partly clipped">grave concern</p></div>' +
          // clip applies to absolutely placed boxes only
          '<div style="clip:rect(0, 0, 0, 0)"><p data-t="clip, static box">grave concern</p></div>' +
          '<div style="position:absolute;clip:rect(0px, 400px, 300px, 0px)"><p data-t="clip with room">grave concern</p></div>' +
          '<div id="wipe" style="clip-path:inset(50%)"><p data-t="wiping in">grave concern</p></div>',
      ),
    ).toEqual([
      ['fading in', true],
      ['partly clipped', true],
      ['clip, static box', true],
      ['clip with room', true],
      ['wiping in', true],
    ]);
    delete wiping.getAnimations;
  });
});
