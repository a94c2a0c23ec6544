import { beforeEach, describe, expect, it } from 'vitest';
import { readLook, renderLookControls, renderSample } from '../../src/options/look';
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/settings';
import { loadPage } from '../popup/page';

beforeEach(() => {
  loadPage('options/options.html');
});

describe('the underline sample', () => {
  it('leaves phrases below the minimum intensity without an underline, and says so', () => {
    renderSample(document, { style: 'auto', color: 'auto', minIntensity: 4 }, false);
    const phrases = [...document.querySelectorAll<HTMLElement>('.sample-phrase')];
    expect(phrases.map((p) => p.classList.contains('off'))).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(phrases[0]?.style.textDecoration).toBe('');
    expect(phrases[4]?.style.textDecoration).toContain('wavy');
    expect(document.getElementById('look-sample')?.textContent).toContain('optionsSampleHidden(1)');
  });

  it('reads back what the controls show, and refuses a delay out of range', () => {
    const settings: Settings = {
      ...DEFAULT_SETTINGS,
      underline: { style: 'dotted', color: '#00aa00', minIntensity: 3 },
      hoverDelayMs: 450,
    };
    renderLookControls(document, settings);
    expect(readLook(document)).toEqual({ underline: settings.underline, hoverDelayMs: 450 });
    (document.getElementById('look-delay') as HTMLInputElement).value = '-5';
    expect(readLook(document)).toBeNull();
  });

  it('disables the colour picker while the colour follows the intensity', () => {
    renderLookControls(document, DEFAULT_SETTINGS);
    expect((document.getElementById('look-colour') as HTMLInputElement).disabled).toBe(true);
    expect((document.getElementById('colour-auto') as HTMLInputElement).checked).toBe(true);
  });
});
