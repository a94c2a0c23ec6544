/**
 * Builds dist/chrome and dist/firefox: bundles the four contexts with esbuild, copies the pages,
 * locales and icons, and writes each browser's manifest from the top-level manifest.json.
 *   npm run build            both browsers, minified
 *   npm run watch            rebuild on change (unminified, with source maps)
 */
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Entry } from '../src/core/entry';
import { manifestFor, type BrowserTarget } from './manifest';

const root = path.resolve(import.meta.dirname, '..');
const targets: BrowserTarget[] = ['chrome', 'firefox'];
const watch = process.argv.includes('--watch');

const entryPoints = {
  content: 'src/content/index.ts',
  background: 'src/background/index.ts',
  popup: 'src/popup/index.ts',
  options: 'src/options/index.ts',
};

/** How a build changes the built-in packs; the default (none) is what `npm run build` ships. */
interface PackEdits {
  /** Every pack ships with no entries (to measure the code without the glossary data). */
  emptyGlossary?: boolean;
  /** Entries appended to the pack named by their category (`diplomatic` when there is none). */
  extraEntries?: readonly Entry[];
}

/** The glossary's examples are for tests; the extension ships without them. */
function glossaryPlugin({
  emptyGlossary = false,
  extraEntries = [],
}: PackEdits = {}): esbuild.Plugin {
  return {
    name: 'strip-glossary-examples',
    setup(build) {
      build.onLoad({ filter: /src[\\/]glossary[\\/]packs[\\/].*\.json$/ }, async (args) => {
        const pack = JSON.parse(await fs.promises.readFile(args.path, 'utf8')) as {
          id: string;
          entries: Record<string, unknown>[];
        };
        if (emptyGlossary) pack.entries = [];
        const ids = packIds();
        const home = (e: Entry) => (ids.includes(e.category) ? e.category : 'diplomatic');
        pack.entries.push(
          ...extraEntries.filter((e) => home(e) === pack.id).map((e) => ({ ...e })),
        );
        for (const e of pack.entries) {
          delete e.examples;
          delete e.counterExamples;
        }
        return { contents: JSON.stringify(pack), loader: 'json' };
      });
    },
  };
}

function packIds(): string[] {
  return fs
    .readdirSync(path.join(root, 'src', 'glossary', 'packs'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length));
}

const stripExamples = glossaryPlugin();

/**
 * The content script is parsed on every page a reader opens: it restores the glossary the
 * background compiled and never compiles or reads the packs itself. This fails its build when one
 * of those modules is pulled in, instead of letting the bundle quietly grow.
 */
const contentOnly: esbuild.Plugin = {
  name: 'content-only',
  setup(build) {
    const banned = /src[\\/](glossary[\\/]|core[\\/](compile|trie-builder|pattern|expand)\.ts$)/;
    build.onLoad({ filter: banned }, (args) => ({
      errors: [{ text: `the content script must not bundle ${path.relative(root, args.path)} (it restores the background's compiled glossary)` }], // prettier-ignore
    }));
  },
};

function copyStatic(target: BrowserTarget, out: string): void {
  for (const page of ['popup', 'options']) {
    for (const ext of ['html', 'css']) {
      const from = path.join(root, 'src', page, `${page}.${ext}`);
      if (fs.existsSync(from)) fs.copyFileSync(from, path.join(out, `${page}.${ext}`));
    }
  }
  fs.cpSync(path.join(root, 'src', '_locales'), path.join(out, '_locales'), { recursive: true });
  fs.mkdirSync(path.join(out, 'icons'), { recursive: true });
  for (const f of fs.readdirSync(path.join(root, 'icons')))
    if (f.endsWith('.png'))
      fs.copyFileSync(path.join(root, 'icons', f), path.join(out, 'icons', f));
  const source = JSON.parse(fs.readFileSync(path.join(root, 'manifest.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  const version = (
    JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }
  ).version;
  fs.writeFileSync(
    path.join(out, 'manifest.json'),
    JSON.stringify(manifestFor(target, { ...source, version }), null, 2) + '\n',
  );
}

/** The two builds of a browser's extension: the content script alone, and everything else. */
function builds(
  target: BrowserTarget,
  out: string,
  edits: PackEdits = {},
  minify = !watch,
): esbuild.BuildOptions[] {
  const { content, ...rest } = entryPoints;
  return [
    {
      ...options(target, out, { content }, { minify, plugin: contentOnly }),
      // The content script uses the browser's own API (src/shared/browser-native.ts explains).
      alias: { 'webextension-polyfill': './src/shared/browser-native.ts' },
    },
    options(target, out, rest, { minify, plugin: glossaryPlugin(edits) }),
  ];
}

function options(
  target: BrowserTarget,
  out: string,
  entries: Record<string, string>,
  { minify = !watch, plugin = stripExamples } = {},
): esbuild.BuildOptions {
  return {
    absWorkingDir: root,
    entryPoints: entries,
    outdir: out,
    bundle: true,
    format: 'iife',
    target: target === 'chrome' ? 'chrome120' : 'firefox140',
    minify,
    sourcemap: watch ? 'inline' : false,
    legalComments: 'none',
    logLevel: 'warning',
    define: { __SUBTEXT_BROWSER__: JSON.stringify(target) },
    plugins: [plugin],
  };
}

export interface BuildExtensionOptions extends PackEdits {
  target: BrowserTarget;
  /** Emptied first. */
  outDir: string;
  minify?: boolean;
}

/**
 * Builds one browser's unpacked extension into `outDir`, optionally with edited glossary packs.
 * The benchmark uses it for its variants (empty glossary, 3,000 and 30,000 entries); `npm run build`
 * is this with the shipped packs for each browser. Returns the bundle sizes in bytes by entry name.
 */
export async function buildExtension({
  target,
  outDir,
  minify = true,
  ...edits
}: BuildExtensionOptions): Promise<Record<string, number>> {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  copyStatic(target, outDir);
  for (const build of builds(target, outDir, edits, minify)) await esbuild.build(build);
  return Object.fromEntries(
    Object.keys(entryPoints).map((name) => [
      name,
      fs.statSync(path.join(outDir, `${name}.js`)).size,
    ]),
  );
}

async function main(): Promise<void> {
  for (const target of targets) {
    const out = path.join(root, 'dist', target);
    fs.rmSync(out, { recursive: true, force: true });
    fs.mkdirSync(out, { recursive: true });
    copyStatic(target, out);
    if (watch) {
      for (const build of builds(target, out)) {
        const ctx = await esbuild.context({
          ...build,
          plugins: [
            ...(build.plugins ?? []),
            {
              name: 'copy-static',
              setup(b) {
                b.onEnd(() => copyStatic(target, out));
              },
            },
          ],
        });
        await ctx.watch();
      }
    } else {
      for (const build of builds(target, out)) await esbuild.build(build);
    }
    console.log(`built dist/${target}`);
  }
  if (watch) console.log('watching src/ for changes (Ctrl-C to stop)');
}

// Run only as a script: the benchmark imports buildExtension without building dist/.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href)
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
