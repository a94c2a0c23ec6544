import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CardController } from '../../src/content/card-controller';
import type { MatchRecord } from '../../src/content/page-model';
import type { Painter } from '../../src/content/painter';
import { Teardown } from '../../src/content/teardown';
import { indexBlocks } from '../../src/content/text-index';
import type { Entry } from '../../src/core/entry';
import { entry, settle, useEnglishMessages } from './helpers';

beforeAll(useEnglishMessages);

let teardown: Teardown;
beforeEach(() => {
  teardown = new Teardown();
  document.body.innerHTML = '<p>We note grave concern today.</p>';
});
afterEach(() => teardown.dispose());

const painter: Painter = {
  kind: 'highlight',
  add: () => undefined,
  flush: () => true,
  remove: () => undefined,
  liveRange: (r) => r as Range,
  heal: () => undefined,
};

/** A built-in entry as the content script holds it: no meaning, explanation or sources. */
const lean = { id: 'grave-concern', patterns: ['grave concern'], category: 'diplomatic', intensity: 4, lang: 'en' } as unknown as Entry; // prettier-ignore

function controller(e: Entry, details: (id: string) => Promise<unknown>) {
  const [block] = indexBlocks(document.body);
  const start = block!.text.indexOf('grave concern');
  const record: MatchRecord = {
    block: block!,
    start,
    end: start + 13,
    entry: e,
    text: 'grave concern',
    intensity: 4,
    range: block!.rangeFor(start, start + 13, true) as Range,
  };
  const asked: string[] = [];
  const cards = new CardController({
    doc: document,
    teardown,
    hoverDelayMs: 0,
    painter,
    records: { count: 1, all: () => [record], has: (r) => r === record, unordered: () => [record] },
    lookup: () => undefined,
    details: (id) => {
      asked.push(id);
      return (details as (id: string) => Promise<never>)(id);
    },
    dismiss: () => undefined,
  });
  return { cards, asked };
}

describe('a card for a built-in entry the page holds without its words', () => {
  it('asks the background once, then shows the meaning, explanation and source', async () => {
    const { cards, asked } = controller(lean, async () => ({
      meaning: 'we are about to act',
      explanation: 'The step before condemnation.',
      sources: [{ title: 'UN language guide', url: 'https://example.org/un' }],
    }));
    cards.reveal({ step: 1 });
    expect(cards.card.isOpen).toBe(false); // not before the answer
    await settle(5);
    expect(cards.card.model).toMatchObject({ meaning: 'we are about to act', explanation: 'The step before condemnation.', sources: [{ title: 'UN language guide' }] }); // prettier-ignore
    cards.card.close();
    cards.reveal({ step: 1 });
    expect(cards.card.isOpen).toBe(true); // known now: at once, no second question
    expect(asked).toEqual(['grave-concern']);
  });

  it('says the explanation could not be loaded when the background does not answer', async () => {
    const { cards } = controller(lean, () => Promise.reject(new Error('no receiver')));
    cards.reveal({ step: 1 });
    await settle(5);
    expect(cards.card.model?.meaning).toMatch(/could not be loaded/);
    expect(cards.card.model?.phrase).toBe('grave concern');
  });

  it("asks nothing for the reader's own entries, which carry their words", async () => {
    const { cards, asked } = controller(entry('mine', ['grave concern'], 4), async () => null);
    cards.reveal({ step: 1 });
    expect(cards.card.model?.meaning).toBe('meaning of mine');
    expect(asked).toEqual([]);
  });
});
