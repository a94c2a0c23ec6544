import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtension } from '../../scripts/build';
import { BUILTIN_PACKS } from '../../src/glossary/index';

const out = fs.mkdtempSync(path.join(os.tmpdir(), 'subtext-build-'));
let content = '';
let background = '';
const sample = BUILTIN_PACKS.flatMap((p) => p.entries).find((e) => e.explanation.length > 60)!;

beforeAll(async () => {
  await buildExtension({ target: 'chrome', outDir: out });
  content = fs.readFileSync(path.join(out, 'content.js'), 'utf8');
  background = fs.readFileSync(path.join(out, 'background.js'), 'utf8');
}, 60_000);
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

/** How a string appears in minified output (JSON-escaped, without its quotes). */
const inBundle = (s: string) => JSON.stringify(s).slice(1, -1);

describe('the built extension', () => {
  it('ships the content script without the glossary: it restores what the background compiled', () => {
    expect(content).not.toContain(inBundle(sample.patterns[0]!));
    expect(content).not.toContain(inBundle(sample.explanation));
    expect(content).not.toContain(inBundle(sample.meaning));
    // Nor the compiler: no pattern parser error text, no trie builder.
    expect(content).not.toContain('trie nodes');
    expect(background).toContain(inBundle(sample.patterns[0]!));
  });

  it('keeps the words in the background, which answers the cards', () => {
    expect(background).toContain(inBundle(sample.explanation));
  });

  it('ships no example sentences anywhere (they are for the tests)', () => {
    const example = BUILTIN_PACKS.flatMap((p) => p.entries).find((e) => e.examples.length)!
      .examples[0]!;
    for (const file of ['content.js', 'background.js', 'popup.js', 'options.js'])
      expect(fs.readFileSync(path.join(out, file), 'utf8')).not.toContain(inBundle(example));
  });
});
