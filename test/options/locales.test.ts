/**
 * The interface's languages: every locale has every English key with the same `$1` slots, and
 * every key the pages, the manifest and the other contexts ask for exists. A missing key shows
 * as the bare key name in the interface, so this is what keeps a translation from going stale.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const read = (p: string) => fs.readFileSync(path.join(root, p), 'utf8');
type Messages = Record<string, { message: string }>;
const locale = (lang: string) => JSON.parse(read(`src/_locales/${lang}/messages.json`)) as Messages;
const en = locale('en');
const languages = fs.readdirSync(path.join(root, 'src/_locales'));
const slots = (s: string) => [...new Set(s.match(/\$\d/g) ?? [])].sort();

function sources(dir: string): string {
  return fs
    .readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|html)$/.test(f))
    .map((f) => read(path.join(dir, f)))
    .join('\n');
}

describe('locales', () => {
  it('ship English and at least two more languages', () => {
    expect(languages).toEqual(expect.arrayContaining(['en', 'fr', 'de']));
  });

  it.each(languages)('%s has every English key, with the same $1 slots, and no other', (lang) => {
    const messages = locale(lang);
    expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
    for (const [key, { message }] of Object.entries(messages)) {
      expect(message.trim(), `${lang}.${key}`).not.toBe('');
      expect(slots(message), `${lang}.${key}`).toEqual(slots(en[key]!.message));
    }
  });

  it('has every key the popup, the options page, the manifest and the background use', () => {
    const pages = sources('src/popup') + sources('src/options');
    const used = new Set<string>();
    for (const m of pages.matchAll(/data-i18n[a-z-]*="(\w+)"/g)) used.add(m[1]!);
    for (const m of pages.matchAll(/\bt\(\s*'(\w+)'/g)) used.add(m[1]!);
    for (const m of pages.matchAll(/'((?:options|popup|category|intensity)\w+)'/g)) used.add(m[1]!);
    for (const m of read('manifest.json').matchAll(/__MSG_(\w+)__/g)) used.add(m[1]!);
    for (const key of ['contextMenuAdd', 'syncFellBackToLocal', 'storeRepaired']) used.add(key);
    expect([...used].filter((k) => !(k in en))).toEqual([]);
  });
});
