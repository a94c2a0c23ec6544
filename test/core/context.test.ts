import { describe, expect, it } from 'vitest';
import type { ContextRule } from '../../src/core/entry';
import { decode, entry } from './helpers';

const talks = ['talk', 'meeting', '(discussion|dialogue)'];
const constructive = (requires: ContextRule[] = [], excludes: ContextRule[] = []) =>
  entry('constructive', ['constructive'], { context: { requires, excludes } });
const found = (e: ReturnType<typeof constructive>, text: string) =>
  decode([e], text).map((s) => s.split('|')[0]);

describe('context rules', () => {
  it('requires a context word within the window: "constructive" of talks', () => {
    const e = constructive([{ anyOf: talks, window: 4 }]);
    expect(found(e, 'The talks were constructive.')).toEqual(['constructive']);
    expect(found(e, 'constructive meetings')).toEqual(['constructive']);
    expect(found(e, 'a constructive attitude to life')).toEqual([]);
  });

  it('counts the window in words and refuses a context word beyond it', () => {
    const e = constructive([{ anyOf: talks, window: 2 }]);
    expect(found(e, 'talks were constructive')).toEqual(['constructive']);
    expect(found(e, 'talks were very constructive')).toEqual([]);
  });

  it('looks only on the side it is told', () => {
    const before = constructive([{ anyOf: talks, window: 3, side: 'before' }]);
    const after = constructive([{ anyOf: talks, window: 3, side: 'after' }]);
    expect(found(before, 'talks were constructive')).toEqual(['constructive']);
    expect(found(before, 'constructive talks')).toEqual([]);
    expect(found(after, 'constructive talks')).toEqual(['constructive']);
    expect(found(after, 'talks were constructive')).toEqual([]);
  });

  it('stays inside the sentence unless crossSentence is set', () => {
    const text = 'We held talks. It was constructive.';
    expect(found(constructive([{ anyOf: talks, window: 5 }]), text)).toEqual([]);
    expect(found(constructive([{ anyOf: talks, window: 5, crossSentence: true }]), text)).toEqual([
      'constructive',
    ]);
  });

  it('matches context patterns with the full pattern language', () => {
    const e = constructive([{ anyOf: ['(frank|open) =dialogue'], window: 4 }]);
    expect(found(e, 'a frank dialogue, constructive')).toEqual(['constructive']);
    expect(found(e, 'frank dialogues, constructive')).toEqual([]);
  });

  it('does not count a context phrase that overlaps the match itself', () => {
    const e = entry('talks', ['talks'], {
      context: { requires: [{ anyOf: ['talks'], window: 3 }] },
    });
    expect(decode([e], 'talks')).toEqual([]);
    expect(decode([e], 'talks about talks')).toEqual(['talks|talks', 'talks|talks']);
  });

  it('refuses a match when an excludes rule holds: "constructive criticism"', () => {
    const e = constructive([], [{ anyOf: ['criticism', 'feedback'], window: 1, side: 'after' }]);
    expect(found(e, 'constructive criticism')).toEqual([]);
    expect(found(e, 'constructive talks')).toEqual(['constructive']);
  });

  it('needs every requires rule to hold', () => {
    const e = constructive([
      { anyOf: talks, window: 4 },
      { anyOf: ['rather', 'quite'], window: 1, side: 'before' },
    ]);
    expect(found(e, 'the talks were rather constructive')).toEqual(['constructive']);
    expect(found(e, 'the talks were constructive')).toEqual([]);
  });

  it('lets a shorter entry win when the longer one fails its context', () => {
    const long = entry('regrets-the-decision', ['regrets the decision'], {
      context: { requires: [{ anyOf: ['(ministry|government)'], window: 3, side: 'before' }] },
    });
    const short = entry('decision', ['decision']);
    expect(decode([long, short], 'The company regrets the decision')).toEqual([
      'decision|decision',
    ]);
    expect(decode([long, short], 'The ministry regrets the decision')).toEqual([
      'regrets the decision|regrets-the-decision',
    ]);
  });

  it('tells "cordial" (Western, cool) from "cordial and friendly" (Chinese, warm) by context', () => {
    const cool = entry('cordial', ['cordial']);
    const warm = entry('cordial-cn', ['cordial'], {
      category: 'china-mfa',
      context: { requires: [{ anyOf: ['friendly', 'China', 'Chinese'], window: 3 }] },
    });
    expect(decode([cool, warm], 'Xi held cordial and friendly talks')).toEqual([
      'cordial|cordial-cn',
    ]);
    expect(decode([cool, warm], 'The meeting was cordial')).toEqual(['cordial|cordial']);
  });
});
