/**
 * The builds the benchmark loads: the extension as shipped (the built-in glossary), the same with
 * generated glossaries of about 3,000 and 30,000 entries, and one with empty packs to weigh the
 * content script without its glossary data. All go to .tmp/bench/ (git-ignored), never to dist/.
 */
import path from 'node:path';
import type { Entry } from '../src/core/index';
import { BUILTIN_PACKS } from '../src/glossary/index';
import { buildExtension } from '../scripts/build';
import { repoRoot } from '../scripts/serve';
import { generateGlossary } from './generate-glossary';

export const BENCH_DIR = path.join(repoRoot, '.tmp', 'bench');

export interface Variant {
  /** `builtin`, `3000`, `30000` or `empty`. */
  name: string;
  /** Unpacked Chrome extension folder. */
  dir: string;
  /** Every entry the build's packs hold. */
  entries: Entry[];
  /** Minified bundle sizes in bytes by entry point (`content`, `background`, …). */
  bytes: Record<string, number>;
}

/** The built-in glossary's entries, examples included (they are stripped from the builds). */
export function builtinEntries(): Entry[] {
  return BUILTIN_PACKS.flatMap((p) => p.entries);
}

/** Builds one Chrome variant holding `entries` (the built-in ones plus generated extras). */
async function buildVariant(
  name: string,
  entries: Entry[],
  builtinCount: number,
): Promise<Variant> {
  const dir = path.join(BENCH_DIR, `ext-${name}`);
  const extraEntries = entries.slice(builtinCount);
  const bytes = await buildExtension({
    target: 'chrome',
    outDir: dir,
    minify: true,
    emptyGlossary: name === 'empty',
    extraEntries,
  });
  return { name, dir, entries: name === 'empty' ? [] : entries, bytes };
}

/**
 * Builds the variants for the glossary `sizes` (the first is the built-in glossary, whatever its
 * size) and the empty-glossary one, in that order.
 */
export async function buildVariants(sizes: readonly number[]): Promise<Variant[]> {
  const builtin = builtinEntries();
  const out: Variant[] = [];
  for (const [i, size] of sizes.entries()) {
    const entries = i === 0 ? builtin : generateGlossary(builtin, size);
    out.push(await buildVariant(i === 0 ? 'builtin' : String(size), entries, builtin.length));
  }
  out.push(await buildVariant('empty', [], 0));
  return out;
}
