/**
 * `npx web-ext lint` on dist/firefox, failing on any error, warning or notice worth reading:
 * Mozilla's linter is the closest thing to a store review we can run offline.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dir = path.join(root, 'dist', 'firefox');
if (!fs.existsSync(path.join(dir, 'manifest.json'))) {
  console.error('lint-ext: dist/firefox is missing: run `npm run build` first');
  process.exit(1);
}

interface Finding {
  code: string;
  message: string;
  file?: string;
}
let out: string;
try {
  out = execFileSync(
    'npx',
    ['web-ext', 'lint', '--source-dir', dir, '--output', 'json', '--no-input'],
    {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
} catch (err) {
  // web-ext exits non-zero when it finds errors; its JSON report is still on stdout.
  out = (err as { stdout?: string }).stdout ?? '';
}
const report = JSON.parse(out.slice(out.indexOf('{'))) as {
  summary: { errors: number; warnings: number; notices: number };
  errors: Finding[];
  warnings: Finding[];
  notices: Finding[];
};
const { errors, warnings, notices } = report.summary;
console.log(
  `web-ext lint dist/firefox: ${errors} errors, ${warnings} warnings, ${notices} notices`,
);
for (const f of [...report.errors, ...report.warnings, ...report.notices])
  console.log(`  ${f.code}: ${f.message}${f.file ? ` (${f.file})` : ''}`);
if (errors > 0 || warnings > 0) process.exit(1);
