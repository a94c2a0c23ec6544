/**
 * Scanning a document the way the content script does: the same text index (src/content/text-index)
 * over a jsdom document, the same compiled matcher. Offsets are into the page's visible text: the
 * blocks' texts joined by "\n" for HTML, the file itself for plain text.
 */
import { JSDOM } from 'jsdom';
import type { Entry } from '../core/entry';
import { compileGlossary, findMatches, type CompiledGlossary } from '../core/matcher';
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

/** Compiles `entries` once and returns a scanner for HTML and plain text. */
export function createScanner(entries: readonly Entry[]): Scanner {
  const compiled: CompiledGlossary = compileGlossary(entries);
  const byId = new Map(entries.map((e) => [e.id, e]));

  const toResult = (pageText: string, offset: number, blockText: string) =>
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
      const dom = new JSDOM(html);
      try {
        const blocks = indexBlocks(dom.window.document);
        const pageText = blocks.map((b) => b.text).join('\n');
        const out: ScanMatch[] = [];
        let offset = 0;
        for (const block of blocks) {
          out.push(...toResult(pageText, offset, block.text));
          offset += block.text.length + 1;
        }
        return out;
      } finally {
        dom.window.close();
      }
    },
    scanText(text) {
      // Paragraphs (blank-line separated) are blocks, as <p> elements would be on a page.
      const out: ScanMatch[] = [];
      const para = /[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*/g;
      for (let m = para.exec(text); m; m = para.exec(text))
        out.push(...toResult(text, m.index, m[0]));
      return out;
    },
  };
}
