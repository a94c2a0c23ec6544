/**
 * Large glossaries for the scaling figures: the built-in entries plus realistic generated
 * multi-word phrases (diplomatic vocabulary in the shapes real entries have: optional words,
 * alternatives, adjective + noun + qualifier), from a fixed seed so every run measures the same
 * list. Generated ids start with `bench-` and never collide with built-in ones.
 */
import {
  CATEGORIES as ALL_CATEGORIES,
  checkPattern,
  type Category,
  type Entry,
  type Intensity,
} from '../src/core/index';
import { pick, seededRandom } from './random';

export const GLOSSARY_SEED = 0x5b7e47;

const ADJECTIVES = (
  'bilateral constructive substantive pragmatic strategic mutual regional multilateral fruitful ' +
  'sincere lasting comprehensive balanced principled practical peaceful sovereign legitimate ' +
  'fundamental decisive appropriate proportionate robust tangible meaningful sustained reciprocal ' +
  'transparent inclusive unconditional unilateral provocative unacceptable deplorable ' +
  'irresponsible destabilizing escalatory hostile resolute steadfast cautious measured restrained ' +
  'vigilant profound longstanding unwavering genuine concrete verifiable phased targeted ' +
  'coordinated collective humanitarian economic maritime territorial nuclear diplomatic ' +
  'political military technical informal preliminary exploratory'
).split(' ');

const NOUNS = (
  'dialogue cooperation engagement consultations partnership relations ties negotiations ' +
  'understanding consensus framework mechanism process settlement solution measures steps ' +
  'response interests sovereignty integrity stability security development commitment restraint ' +
  'interference pressure sanctions retaliation countermeasures escalation tensions differences ' +
  'disagreements positions principles obligations assurances guarantees channels contacts ' +
  'exchanges arrangements initiatives proposals overtures demands grievances posture deterrence ' +
  'de-escalation normalization reconciliation mediation verification compliance transition ' +
  'ceasefire truce corridor withdrawal deployment buildup incursion'
).split(' ');

const VERBS = (
  'reaffirm reiterate urge welcome support oppose reject condemn deplore regret acknowledge ' +
  'emphasize underline stress seek pursue uphold respect safeguard strengthen deepen expand ' +
  'promote advance resume suspend review reconsider pledge endorse'
).split(' ');

const QUALIFIERS = [
  'on both sides',
  'in the region',
  'between the two countries',
  'at all levels',
  'in good faith',
  'without preconditions',
  'as soon as possible',
  'at the highest level',
  'in the coming weeks',
  'through diplomatic channels',
  'on an equal footing',
  'in accordance with international law',
];

/** Every built-in category but the reader's own. */
const CATEGORIES = ALL_CATEGORIES.filter((c): c is Exclude<Category, 'custom'> => c !== 'custom');

/** One generated pattern in one of the shapes real entries use. */
function generatePattern(random: () => number): string {
  const a = pick(random, ADJECTIVES);
  const b = pick(random, ADJECTIVES);
  const n = pick(random, NOUNS);
  let m = pick(random, NOUNS);
  while (m === n) m = pick(random, NOUNS);
  switch (Math.floor(random() * 6)) {
    case 0:
      return `${a} ${n} ${pick(random, QUALIFIERS)}`;
    case 1:
      return `${pick(random, VERBS)} ${a} ${n}`;
    case 2:
      return `${pick(random, VERBS)} (its|their) ${a} ${n}`;
    case 3:
      return `[${a} and] ${b} ${n}`;
    case 4:
      return `${n} of ${a} ${m}`;
    default:
      return `${a} ${n} (with|towards) ${m}`;
  }
}

function generatedEntry(index: number, pattern: string, random: () => number): Entry {
  return {
    id: `bench-${String(index).padStart(5, '0')}`,
    patterns: [pattern],
    meaning: `generated benchmark phrase ${index}`,
    explanation: 'A generated phrase that makes the glossary large for the scaling benchmark.',
    category: pick(random, CATEGORIES),
    intensity: (1 + Math.floor(random() * 5)) as Intensity,
    lang: 'en',
    sources: [{ title: 'Subtext benchmark generator' }],
    examples: [],
    counterExamples: [],
  };
}

/**
 * `builtin` followed by generated entries up to `total` entries (none when `builtin` is already as
 * large). Deterministic for a given `seed`; every pattern is checked with the engine's own parser.
 */
export function generateGlossary(
  builtin: readonly Entry[],
  total: number,
  seed = GLOSSARY_SEED,
): Entry[] {
  const random = seededRandom(seed);
  const seen = new Set<string>();
  const out = [...builtin];
  for (let i = 1; out.length < total; i++) {
    if (i > total * 50) throw new Error(`could not generate ${total} distinct phrases`);
    const pattern = generatePattern(random);
    if (seen.has(pattern)) continue;
    seen.add(pattern);
    const problem = checkPattern(pattern);
    if (problem) throw new Error(`generated pattern "${pattern}" is invalid: ${problem}`);
    out.push(generatedEntry(out.length - builtin.length + 1, pattern, random));
  }
  return out;
}
