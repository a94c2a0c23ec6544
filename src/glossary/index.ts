/**
 * The built-in glossary: one JSON pack per category family, validated by test/glossary/meta.test.ts.
 * The build strips `examples` and `counterExamples` from the copies shipped in the extension.
 */
import type { Pack } from '../core/entry';
import diplomatic from './packs/diplomatic.json';
import communique from './packs/communique.json';
import un from './packs/un.json';
import understatement from './packs/understatement.json';
import economic from './packs/economic.json';
import military from './packs/military.json';
import political from './packs/political.json';
import chinaMfa from './packs/china-mfa.json';
import russiaMfa from './packs/russia-mfa.json';

export const BUILTIN_PACKS: readonly Pack[] = [
  diplomatic,
  communique,
  un,
  understatement,
  economic,
  military,
  political,
  chinaMfa,
  russiaMfa,
] as Pack[];
