import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHighlightPainter } from '../../src/content/painter';
import { Teardown } from '../../src/content/teardown';
import { highlighted, installFakeHighlights, removeFakeHighlights } from './helpers';

let registry: Map<string, Set<AbstractRange>>;
let teardown: Teardown;

beforeEach(() => {
  registry = installFakeHighlights();
  teardown = new Teardown();
  document.body.innerHTML = '<p>grave concern, constructive talks, we take note</p>';
});
afterEach(() => {
  teardown.dispose();
  removeFakeHighlights();
});

/** A range over the first occurrence of `phrase` in the paragraph. */
function rangeOf(phrase: string): Range {
  const text = document.querySelector('p')!.firstChild as Text;
  const at = text.data.indexOf(phrase);
  const r = document.createRange();
  r.setStart(text, at);
  r.setEnd(text, at + phrase.length);
  return r;
}

describe('the highlight painter', () => {
  it('shows added phrases only once flushed', () => {
    const painter = createHighlightPainter(document, teardown);
    painter.add(rangeOf('grave concern'), 4);
    painter.add(rangeOf('constructive talks'), 1);
    expect(highlighted(registry)).toEqual([]);
    painter.flush();
    expect(highlighted(registry)).toEqual(['constructive talks', 'grave concern']);
    expect(registry.get('subtext-4')?.size).toBe(1);
  });

  it('never paints a phrase removed before the flush, and removes painted ones at once', () => {
    const painter = createHighlightPainter(document, teardown);
    const grave = rangeOf('grave concern');
    const note = rangeOf('we take note');
    painter.add(grave, 4);
    painter.flush();
    painter.add(note, 2);
    painter.remove([
      { range: grave, intensity: 4 },
      { range: note, intensity: 2 },
    ]);
    expect(highlighted(registry)).toEqual([]);
    painter.flush();
    expect(highlighted(registry)).toEqual([]);
  });

  it('keeps the others, painted or queued, when many are removed at once (the refill)', () => {
    const painter = createHighlightPainter(document, teardown);
    const many = Array.from({ length: 40 }, () => rangeOf('constructive talks'));
    for (const r of many) painter.add(r, 1);
    const kept = rangeOf('we take note');
    painter.add(kept, 1);
    painter.flush();
    const queued = rangeOf('grave concern');
    painter.add(queued, 1);
    painter.remove(many.map((range) => ({ range, intensity: 1 as const })));
    painter.flush();
    expect(highlighted(registry)).toEqual(['grave concern', 'we take note']);
  });

  it('paints a big batch in parts when its time is up, the rest at the next flush', () => {
    const painter = createHighlightPainter(document, teardown);
    for (let i = 0; i < 500; i++) painter.add(rangeOf('grave concern'), 4);
    const highlight = registry.get('subtext-4')!;
    expect(painter.flush(performance.now() - 1)).toBe(false);
    expect(highlight.size).toBeGreaterThan(0);
    expect(highlight.size).toBeLessThan(500);
    expect(painter.flush()).toBe(true);
    expect(highlight.size).toBe(500);
  });

  it('paints nothing queued after teardown', () => {
    const painter = createHighlightPainter(document, teardown);
    painter.add(rangeOf('grave concern'), 4);
    const highlight = registry.get('subtext-4')!;
    teardown.dispose();
    painter.flush();
    expect(highlight.size).toBe(0);
  });
});
