import { describe, expect, it } from 'vitest';
import { linkLadders } from '../../src/core/ladder';
import { entry } from './helpers';

const on = (id: string, scale: string, step: number) =>
  entry(id, [id], { ladder: { scale, step } });

describe('linkLadders', () => {
  it('links each entry to its neighbours on the same scale, whatever the input order', () => {
    const linked = linkLadders([
      on('condemns', 'un-feeling', 3),
      on('concerned', 'un-feeling', 1),
      on('urges', 'un-asking', 3),
      on('deplores', 'un-feeling', 2),
    ]);
    expect(linked.map((e) => [e.id, e.ladder?.below, e.ladder?.above])).toEqual([
      ['condemns', 'deplores', undefined],
      ['concerned', undefined, 'deplores'],
      ['urges', undefined, undefined],
      ['deplores', 'concerned', 'condemns'],
    ]);
  });

  it('skips missing steps and replaces stale links', () => {
    const stale = { ...on('b', 's', 5), ladder: { scale: 's', step: 5, below: 'gone' } };
    const linked = linkLadders([on('a', 's', 1), stale]);
    expect(linked[1]!.ladder).toEqual({ scale: 's', step: 5, below: 'a' });
  });

  it('leaves entries without a ladder untouched and does not mutate its input', () => {
    const plain = entry('plain', ['plain']);
    const input = [plain, on('x', 's', 1)];
    const linked = linkLadders(input);
    expect(linked[0]).toBe(plain);
    expect(input[1]!.ladder).toEqual({ scale: 's', step: 1 });
  });
});
