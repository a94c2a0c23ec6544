/**
 * `npx subtext scan FILE…` — decodes diplomatic language in HTML or text files (`-` reads stdin)
 * with the built-in glossary, the same engine and text index as the extension.
 *   --json   one JSON object per file per line: {"file", "matches": [{text, entryId, meaning,
 *            category, intensity, start, end, context}]}
 * Exit code 0 on success, 2 with a one-line message on unreadable input or bad usage.
 */
import fs from 'node:fs';
import type { ScanMatch } from './scan';

const USAGE = 'usage: subtext scan [--json] FILE… (- reads stdin)';

function fail(message: string): never {
  process.stderr.write(`subtext: ${message}\n`);
  process.exit(2);
}

function readInput(file: string): string {
  try {
    return fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : (code ?? String(err));
    return fail(`cannot read ${file === '-' ? 'stdin' : file}: ${why}`);
  }
}

function printTable(file: string, matches: ScanMatch[]): void {
  process.stdout.write(
    `${file}: ${matches.length} decoded phrase${matches.length === 1 ? '' : 's'}\n`,
  );
  if (matches.length === 0) return;
  const width = Math.min(44, Math.max(6, ...matches.map((m) => m.text.length)));
  for (const m of matches) {
    const text = m.text.replace(/\s+/g, ' ');
    const pad = ' '.repeat(Math.max(1, width - text.length));
    const level = '●'.repeat(m.intensity) + '○'.repeat(Math.max(0, 5 - m.intensity));
    process.stdout.write(`  ${text}${pad} ${level}  ${m.meaning}  [${m.category}]\n`);
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (command !== 'scan') fail(USAGE);
  const json = rest.includes('--json');
  const unknown = rest.find((a) => a.startsWith('--') && a !== '--json');
  if (unknown) fail(`unknown option ${unknown}; ${USAGE}`);
  const files = rest.filter((a) => a !== '--json');
  if (files.length === 0) fail(USAGE);

  const inputs = files.map((file) => ({ file, source: readInput(file) }));
  // Loaded only once the input is known to be readable: jsdom and the glossary take a moment.
  const [{ BUILTIN_PACKS }, { createScanner, looksLikeHtml }] = await Promise.all([
    import('../glossary/index'),
    import('./scan'),
  ]);
  const scanner = createScanner(BUILTIN_PACKS.flatMap((p) => p.entries));
  for (const { file, source } of inputs) {
    const matches = looksLikeHtml(source, file)
      ? scanner.scanHtml(source)
      : scanner.scanText(source);
    if (json) process.stdout.write(`${JSON.stringify({ file, matches })}\n`);
    else printTable(file, matches);
  }
}

await main(process.argv.slice(2));
