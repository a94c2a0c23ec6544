/**
 * The public API of Subtext's decoding engine: pure TypeScript, no DOM, no browser APIs. The
 * content script, the extension pages, the CLI, the eval script and the benchmark all go through
 * this barrel.
 */
export * from './entry';
export { normalize, type NormalizedText } from './normalize';
export { tokenize, type Token } from './tokenize';
export { lemmaKey, exactKey, FUNCTION_WORDS } from './inflect';
export {
  parsePattern,
  checkPattern,
  PatternError,
  MAX_GAP,
  MAX_PATTERN_LENGTH,
  type PatternAst,
  type PatternNode,
  type PatternWord,
} from './pattern';
export { expandPattern, MAX_EXPANSIONS, type Step } from './expand';
export { compileGlossary, compileGlossaryInSteps, glossaryStamp, packGlossary } from './compile';
export {
  findMatches,
  findMatchesInTokens,
  restoreGlossary,
  restrictGlossary,
  type CompiledGlossary,
  type PackedGlossary,
} from './matcher';
export { validateEntry, validatePack, LIMITS, type FieldError } from './validate';
export { linkLadders } from './ladder';
export { entriesForLanguage, primaryLanguage } from './language';
