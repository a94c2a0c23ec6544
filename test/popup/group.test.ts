import { describe, expect, it } from 'vitest';
import { groupMatches, nextIndex, readPage } from '../../src/popup/group';
import { CORDIAL, FRANK, GRAVE } from './entries';

const glossary = new Map([FRANK, GRAVE, CORDIAL].map((e) => [e.id, e]));
const m = (entryId: string, text: string, index: number) => ({ entryId, text, index });

describe('groupMatches', () => {
  it('groups a page’s matches by entry, with a count and the plain meaning of each', () => {
    const groups = groupMatches(
      [
        m('frank-exchange', 'frank exchange of views', 0),
        m('grave-concern', 'grave concern', 1),
        m('frank-exchange', 'free and frank exchange of views', 2),
      ],
      glossary,
    );
    expect(groups.map((g) => [g.entryId, g.count, g.meaning])).toEqual([
      ['grave-concern', 1, 'we are about to act'],
      ['frank-exchange', 2, 'a row'],
    ]);
    expect(groups[1]?.indices).toEqual([0, 2]);
  });

  it('names a group by the wording found most often on the page, spaces tidied', () => {
    const [group] = groupMatches(
      [
        m('cordial', 'friendly talks', 0),
        m('cordial', 'cordial\n  talks', 1),
        m('cordial', 'cordial talks', 2),
      ],
      glossary,
    );
    expect(group?.text).toBe('cordial talks');
  });

  it('lists stronger entries first, then the more frequent, then the earlier on the page', () => {
    const groups = groupMatches(
      [
        m('cordial', 'cordial talks', 0),
        m('frank-exchange', 'frank exchange of views', 1),
        m('grave-concern', 'grave concern', 2),
        m('frank-exchange', 'frank exchange of views', 3),
      ],
      glossary,
    );
    expect(groups.map((g) => g.entryId)).toEqual(['grave-concern', 'frank-exchange', 'cordial']);
  });

  it('still counts matches of an entry that has left the glossary, without inventing a meaning', () => {
    const [group] = groupMatches([m('deleted-one', 'old phrase', 0)], glossary);
    expect(group).toMatchObject({ entryId: 'deleted-one', count: 1, meaning: null });
  });
});

describe('readPage', () => {
  it('names the strongest signal and counts matches per category, most first', () => {
    const reading = readPage(
      groupMatches(
        [
          m('frank-exchange', 'frank exchange of views', 0),
          m('cordial', 'cordial talks', 1),
          m('grave-concern', 'grave concern', 2),
        ],
        glossary,
      ),
    );
    expect(reading.strongest?.entryId).toBe('grave-concern');
    expect(reading.byCategory).toEqual([
      { category: 'diplomatic', count: 2 },
      { category: 'un', count: 1 },
    ]);
    expect(reading.total).toBe(3);
  });

  it('has no strongest signal and nothing to count on a page with no matches', () => {
    expect(readPage([])).toEqual({ strongest: null, byCategory: [], total: 0 });
  });
});

describe('nextIndex', () => {
  it('goes to the first occurrence, then the next one, and wraps round after the last', () => {
    const [group] = groupMatches(
      [m('cordial', 'cordial talks', 3), m('cordial', 'cordial talks', 7)],
      glossary,
    );
    expect(nextIndex(group!, undefined)).toBe(3);
    expect(nextIndex(group!, 3)).toBe(7);
    expect(nextIndex(group!, 7)).toBe(3);
  });
});
