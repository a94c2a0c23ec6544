import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
const bin = path.join(root, 'bin', 'subtext.js');
const demo = path.join(root, 'test', 'fixtures', 'demo', 'putin-kerry.html');
const readout = path.join(root, 'test', 'fixtures', 'text', 'readout.txt');

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', input });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonMatch {
  text: string;
  entryId: string;
  meaning: string;
  category: string;
  intensity: number;
  start: number;
  end: number;
  context: string;
}

// Each case starts a real `subtext` process (tsx + jsdom): seconds on a busy machine.
describe('npx subtext scan', { timeout: 60_000 }, () => {
  it('decodes the demo article and reports offsets into its visible text', () => {
    const r = run(['scan', '--json', demo]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { file: string; matches: JsonMatch[] };
    expect(out.file).toBe(demo);
    const texts = out.matches.map((m) => m.text.replace(/\s+/g, ' ').toLowerCase());
    expect(texts.some((t) => t.includes('free and frank exchange of views'))).toBe(true);
    expect(texts.some((t) => t.includes('constructive'))).toBe(true);
    for (const m of out.matches) {
      expect(m.end).toBeGreaterThan(m.start);
      expect(m.meaning.length).toBeGreaterThan(3);
      expect(m.intensity).toBeGreaterThanOrEqual(1);
      expect(m.context.replace(/\s+/g, ' ')).toContain(m.text.replace(/\s+/g, ' '));
    }
    // Nothing from the reader's comment box (a textarea) is scanned.
    expect(texts.filter((t) => t.includes('exchange of views'))).toHaveLength(1);
  });

  it('reads plain text with offsets into the file, across line breaks', () => {
    const r = run(['scan', '--json', readout]);
    expect(r.code).toBe(0);
    const source = fs.readFileSync(readout, 'utf8');
    const { matches } = JSON.parse(r.stdout) as { matches: JsonMatch[] };
    const frank = matches.find((m) => /frank/i.test(m.text));
    expect(frank).toBeDefined();
    expect(source.slice(frank!.start, frank!.end)).toBe(frank!.text);
    expect(frank!.text).toContain('\n');
    // "Frank Miller" and "constructive criticism" are innocent.
    expect(
      matches.some(
        (m) => /miller|criticism/i.test(m.context) && /^(frank|constructive)$/i.test(m.text),
      ),
    ).toBe(false);
  });

  it('reads stdin when the file is "-" and prints a readable table by default', () => {
    const r = run(['scan', '-'], 'The ministers had a candid exchange of views.');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^-: 1 decoded phrase/);
    expect(r.stdout).toMatch(/candid exchange of views/);
  });

  it('exits 2 with a one-line message on unreadable input', () => {
    const r = run(['scan', path.join(root, 'no-such-file.html')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/cannot read .*no-such-file\.html: no such file/);
    expect(r.stdout).toBe('');
  });

  it('exits 2 with the usage line when no file is given', () => {
    const r = run(['scan']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/usage: subtext scan/);
  });
});
