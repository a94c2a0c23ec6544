/**
 * Expansion of a parsed pattern into the concrete step sequences the trie stores: alternatives and
 * optional parts multiply out, adjacent gaps merge (`*2 *3` = `*5`). The number of sequences is
 * capped so that one careless pattern (`(a|b) (c|d) (e|f) …`) cannot blow up the glossary.
 */
import {
  MAX_PATTERN_LENGTH,
  PatternError,
  type PatternAst,
  type PatternNode,
} from './pattern-error';
import { wordKey } from './tokenize';

/** One position of an expanded pattern: a word key, or a gap of 0 to `max` arbitrary words. */
export type Step =
  { kind: 'word'; key: string; column: number } | { kind: 'gap'; max: number; column: number };

/** Most word sequences one pattern may expand to. */
export const MAX_EXPANSIONS = 256;

function assertWithin(count: number, column: number): void {
  if (count > MAX_EXPANSIONS)
    throw new PatternError(
      `pattern expands to more than ${MAX_EXPANSIONS} word sequences; split it into several patterns`,
      column,
    );
}

function product(left: Step[][], right: Step[][], column: number): Step[][] {
  assertWithin(left.length * right.length, column);
  const out: Step[][] = [];
  for (const a of left) for (const b of right) out.push(a.concat(b));
  return out;
}

function expandNode(node: PatternNode): Step[][] {
  switch (node.type) {
    case 'word':
      return [node.words.map((w) => ({ kind: 'word', key: w.key, column: node.column }))];
    case 'gap':
      return [[{ kind: 'gap', max: node.max, column: node.column }]];
    case 'choice': {
      const out: Step[][] = node.optional ? [[]] : [];
      for (const option of node.options) out.push(...expandSequence(option));
      assertWithin(out.length, node.column);
      return out;
    }
  }
}

function expandSequence(items: readonly PatternNode[]): Step[][] {
  let acc: Step[][] = [[]];
  for (const item of items) acc = product(acc, expandNode(item), item.column);
  return acc;
}

/** Merge adjacent gaps: `*2 *3` and `*2 [x] *3` without `x` both allow 0 to 5 words. */
function mergeGaps(steps: readonly Step[]): Step[] {
  const out: Step[] = [];
  for (const step of steps) {
    const last = out[out.length - 1];
    if (step.kind === 'gap' && last?.kind === 'gap')
      out[out.length - 1] = { kind: 'gap', max: last.max + step.max, column: last.column };
    else out.push(step);
  }
  return out;
}

function signature(steps: readonly Step[]): string {
  return steps.map((s) => (s.kind === 'word' ? s.key : `*${s.max}`)).join(' ');
}

/**
 * All step sequences a pattern stands for, without duplicates. Throws {@link PatternError} when a
 * sequence could match no words or would begin or end with a gap (a gap only makes sense between
 * words), or when there are more than {@link MAX_EXPANSIONS} sequences.
 */
export function expandPattern(ast: PatternAst): Step[][] {
  // Fast path for the most common pattern, plain words: one sequence, nothing to multiply out.
  const only = ast.options.length === 1 ? ast.options[0]! : null;
  if (only !== null && only.every((n) => n.type === 'word')) {
    const steps: Step[] = [];
    for (const node of only)
      for (const w of node.words) steps.push({ kind: 'word', key: w.key, column: node.column });
    return [steps];
  }
  const all: Step[][] = [];
  for (const option of ast.options) all.push(...expandSequence(option));
  assertWithin(all.length, 1);
  const seen = new Set<string>();
  const out: Step[][] = [];
  for (const raw of all) {
    const steps = mergeGaps(raw);
    const first = steps[0];
    const last = steps[steps.length - 1];
    if (first === undefined || last === undefined)
      throw new PatternError('pattern can match no words: everything in it is optional', 1);
    if (first.kind === 'gap')
      throw new PatternError('a pattern cannot start with a gap "*N"', first.column);
    if (last.kind === 'gap')
      throw new PatternError('a pattern cannot end with a gap "*N"', last.column);
    const sig = signature(steps);
    if (!seen.has(sig)) {
      seen.add(sig);
      out.push(steps);
    }
  }
  return out;
}

/** Plain ASCII words one space apart: the most common pattern, and one no parser is needed for. */
const PLAIN_PATTERN = /^[A-Za-z0-9]+(?: [A-Za-z0-9]+)*$/;

/**
 * The steps of a plain-words pattern ("grave concern"), exactly as parsing and expanding it would
 * give them, or `null` for any other pattern. Compiling a large glossary is mostly allocation, and
 * this skips the syntax tree for most of its patterns.
 */
export function expandPlainPattern(pattern: string): Step[][] | null {
  if (pattern.length > MAX_PATTERN_LENGTH || !PLAIN_PATTERN.test(pattern)) return null;
  const steps: Step[] = [];
  let column = 1;
  for (const word of pattern.split(' ')) {
    steps.push({ kind: 'word', key: wordKey(word.toLowerCase()), column });
    column += word.length + 1;
  }
  return [steps];
}
