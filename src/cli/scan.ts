/**
 * Scanning a document the way the content script does: the same text index (src/content/text-index)
 * over a jsdom document, the same compiled matcher. Offsets are into the page's visible text: the
 * blocks' texts joined by "\n" for HTML, the file itself for plain text.
 */
import { JSDOM, VirtualConsole } from 'jsdom';
import type { Entry } from '../core/entry';
import { compileGlossary } from '../core/compile';
import { findMatches, type CompiledGlossary } from '../core/matcher';
import { entriesForLanguage, primaryLanguage } from '../core/language';
import { indexBlocks } from '../content/text-index';

export interface ScanMatch {
  text: string;
  entryId: string;
  meaning: string;
  category: string;
  intensity: number;
  start: number;
  end: number;
  context: string;
}

export interface Scanner {
  scanHtml(html: string): ScanMatch[];
  scanText(text: string): ScanMatch[];
}

const CONTEXT_CHARS = 60;

function contextAround(text: string, start: number, end: number): string {
  const from = Math.max(0, start - CONTEXT_CHARS);
  const to = Math.min(text.length, end + CONTEXT_CHARS);
  return `${from > 0 ? '…' : ''}${text.slice(from, to).replace(/\s+/g, ' ').trim()}${to < text.length ? '…' : ''}`;
}

/** True when `source` looks like an HTML document or fragment rather than prose. */
export function looksLikeHtml(source: string, filename = ''): boolean {
  if (/\.x?html?$/i.test(filename)) return true;
  if (/\.(txt|text|md)$/i.test(filename)) return false;
  return /^\s*(<!doctype html|<html|<head|<body|<(p|div|article|section)[\s>])/i.test(source);
}

/**
 * A jsdom document of a saved page, for its text only. Style sheets are dropped first: their text is
 * never indexed, and jsdom 29's CSS parser throws an uncaught error on some real ones (an SCSS
 * `calc()` left in a news page), which would end the process. jsdom's console is silenced.
 */
export function parsePageForText(html: string): JSDOM {
  const withoutStyles = html.replace(/<style\b[^>]*>[\s\S]*?<\/style\s*>/gi, '');
  return new JSDOM(withoutStyles, { virtualConsole: new VirtualConsole() });
}

/** The language a page declares, as the content script reads it (`<html lang>`), or null. */
export function declaredLanguage(doc: Document): string | null {
  return primaryLanguage(doc.documentElement.getAttribute('lang'));
}

/** Compiles `entries` (once per page language met) and returns a scanner for HTML and plain text. */
export function createScanner(entries: readonly Entry[]): Scanner {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const compiledFor = new Map<string | null, CompiledGlossary>();
  const glossaryFor = (lang: string | null): CompiledGlossary => {
    let g = compiledFor.get(lang);
    if (!g) compiledFor.set(lang, (g = compileGlossary(entriesForLanguage(entries, lang))));
    return g;
  };

  const toResult = (
    compiled: CompiledGlossary,
    pageText: string,
    offset: number,
    blockText: string,
  ) =>
    findMatches(compiled, blockText).map((m): ScanMatch => {
      const entry = byId.get(m.entryId);
      const start = offset + m.start;
      const end = offset + m.end;
      return {
        text: blockText.slice(m.start, m.end),
        entryId: m.entryId,
        meaning: entry?.meaning ?? '',
        category: entry?.category ?? '',
        intensity: entry?.intensity ?? 0,
        start,
        end,
        context: contextAround(pageText, start, end),
      };
    });

  return {
    scanHtml(html) {
      const dom = parsePageForText(html);
      try {
        const compiled = glossaryFor(declaredLanguage(dom.window.document));
        const blocks = indexBlocks(dom.window.document);
        const pageText = blocks.map((b) => b.text).join('\n');
        const out: ScanMatch[] = [];
        let offset = 0;
        for (const block of blocks) {
          out.push(...toResult(compiled, pageText, offset, block.text));
          offset += block.text.length + 1;
        }
        return out;
      } finally {
        dom.window.close();
      }
    },
    scanText(text) {
      // Paragraphs (blank-line separated) are blocks, as <p> elements would be on a page.
      const compiled = glossaryFor(null);
      const out: ScanMatch[] = [];
      const para = /[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*/g;
      for (let m = para.exec(text); m; m = para.exec(text))
        out.push(...toResult(compiled, text, m.index, m[0]));
      return out;
    },
  };
}
