/**
 * Store-ready zips of both builds with web-ext's `build`: dist/packages/subtext-<browser>-<version>.zip.
 * Run after `npm run build` (the npm script does both).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const version = (
  JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }
).version;
const outDir = path.join(root, 'dist', 'packages');
fs.mkdirSync(outDir, { recursive: true });
for (const browser of ['chrome', 'firefox']) {
  const source = path.join(root, 'dist', browser);
  if (!fs.existsSync(path.join(source, 'manifest.json'))) {
    console.error(`package: dist/${browser} is missing: run \`npm run build\` first`);
    process.exit(1);
  }
  const filename = `subtext-${browser}-${version}.zip`;
  execFileSync(
    'npx',
    [
      'web-ext',
      'build',
      '--source-dir',
      source,
      '--artifacts-dir',
      outDir,
      '--filename',
      filename,
      '--overwrite-dest',
      '--no-input',
    ],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  console.log(`dist/packages/${filename} (${fs.statSync(path.join(outDir, filename)).size} bytes)`);
}
