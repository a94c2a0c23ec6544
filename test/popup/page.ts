/** Loads an extension page's real HTML (without running its script) into the jsdom document. */
import fs from 'node:fs';
import path from 'node:path';

export function loadPage(file: 'popup/popup.html' | 'options/options.html'): Document {
  const html = fs.readFileSync(path.resolve(import.meta.dirname, '../../src', file), 'utf8');
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  for (const s of parsed.querySelectorAll('script')) s.remove();
  document.head.replaceChildren(
    ...[...parsed.head.childNodes].map((n) => document.importNode(n, true)),
  );
  document.body.replaceChildren(
    ...[...parsed.body.childNodes].map((n) => document.importNode(n, true)),
  );
  return document;
}
