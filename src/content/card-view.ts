/**
 * The explanation card as a pure view: `cardModel` gathers what the card says from a match and
 * the glossary; `renderCard` builds its DOM from that model. Every string from the glossary (which
 * holds the reader's own entries) goes in through `textContent`, never as markup, and only http(s)
 * source links become links.
 */
import type { Category, Entry, Intensity, Source } from '../core/entry';
import { categoryLabel, label } from './card-labels';

export interface CardModel {
  entryId: string;
  /** The phrase as the page wrote it. */
  phrase: string;
  meaning: string;
  explanation: string;
  category: Category;
  intensity: Intensity;
  ladder?: { scale: string; milder?: string; stronger?: string };
  sources: Source[];
  /** 1-based place among this page's phrases, and how many there are. */
  position: number;
  total: number;
}

/** A readable name for an entry: its first pattern with the pattern syntax taken out. */
export function displayName(entry: Entry): string {
  let p = entry.patterns[0] ?? entry.id;
  // Innermost groups first: keep the first alternative of each (a|b) and each [optional] part.
  for (let prev = ''; prev !== p;) {
    prev = p;
    p = p.replace(/\(([^()[\]]*)\)/g, (_, alts: string) => alts.split('|')[0] ?? '');
    p = p.replace(/\[([^()[\]]*)\]/g, '$1');
  }
  return p.replace(/\*\d+/g, '…').replace(/=/g, '').replace(/\s+/g, ' ').trim() || entry.id;
}

/** What the card shows for `entry` matched as `phrase`. */
export function cardModel(
  entry: Entry,
  phrase: string,
  lookup: (id: string) => Entry | undefined,
  position: number,
  total: number,
): CardModel {
  const name = (id: string | undefined) => {
    const e = id === undefined ? undefined : lookup(id);
    return e ? displayName(e) : undefined;
  };
  return {
    entryId: entry.id,
    phrase: phrase.replace(/\s+/g, ' ').trim(),
    meaning: entry.meaning,
    explanation: entry.explanation,
    category: entry.category,
    intensity: entry.intensity,
    ...(entry.ladder && {
      ladder: {
        scale: entry.ladder.scale,
        milder: name(entry.ladder.below),
        stronger: name(entry.ladder.above),
      },
    }),
    sources: entry.sources,
    position,
    total,
  };
}

function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  className: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function safeUrl(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

/** A one-line summary for the screen-reader live region. */
export function cardAnnouncement(m: CardModel): string {
  return `${label('cardLabel')}. ${m.phrase}: ${m.meaning}`;
}

/**
 * Builds the card's content (a `<section role="dialog">`) for `model`. The two buttons carry
 * `data-action="close"` and `data-action="dismiss"`; card.ts listens for them.
 */
export function renderCard(doc: Document, model: CardModel): HTMLElement {
  const card = el(doc, 'section', 'card');
  card.setAttribute('role', 'dialog');
  card.setAttribute('aria-modal', 'false');
  card.setAttribute('aria-labelledby', 'subtext-phrase');
  card.setAttribute('aria-describedby', 'subtext-meaning');
  card.setAttribute('data-intensity', String(model.intensity));
  card.tabIndex = -1;

  const head = el(doc, 'header', 'head');
  const phrase = el(doc, 'h2', 'phrase', model.phrase);
  phrase.id = 'subtext-phrase';
  const close = el(doc, 'button', 'close', '×');
  close.type = 'button';
  close.dataset.action = 'close';
  close.setAttribute('aria-label', label('cardClose'));
  head.append(phrase, close);

  const meaning = el(doc, 'p', 'meaning');
  meaning.id = 'subtext-meaning';
  meaning.append(el(doc, 'span', 'means', `${label('cardMeans')}: `), el(doc, 'strong', '', model.meaning)); // prettier-ignore

  const meta = el(doc, 'p', 'meta');
  const level = el(doc, 'span', 'level', '●'.repeat(model.intensity) + '○'.repeat(5 - model.intensity)); // prettier-ignore
  level.setAttribute('role', 'img');
  level.setAttribute('aria-label', label('intensityOf', model.intensity));
  meta.append(el(doc, 'span', 'category', categoryLabel(model.category)), level);

  card.append(head, meaning, el(doc, 'p', 'explanation', model.explanation), meta);

  if (model.ladder) {
    const ladder = el(doc, 'p', 'ladder', label('cardLadder', model.ladder.scale));
    if (model.ladder.milder) ladder.append(el(doc, 'span', 'milder', label('cardMilder', model.ladder.milder))); // prettier-ignore
    if (model.ladder.stronger) ladder.append(el(doc, 'span', 'stronger', label('cardStronger', model.ladder.stronger))); // prettier-ignore
    card.append(ladder);
  }

  if (model.sources.length) {
    const sources = el(doc, 'p', 'sources', `${label('cardSources')}: `);
    model.sources.forEach((s, i) => {
      const href = safeUrl(s.url);
      if (i > 0) sources.append('; ');
      if (!href) return void sources.append(s.title);
      const a = el(doc, 'a', '', s.title);
      a.href = href;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      sources.append(a);
    });
    card.append(sources);
  }

  const foot = el(doc, 'footer', 'foot');
  const dismiss = el(doc, 'button', 'dismiss', label('cardNotHere'));
  dismiss.type = 'button';
  dismiss.dataset.action = 'dismiss';
  foot.append(el(doc, 'span', 'position', label('cardPosition', model.position, model.total)), dismiss); // prettier-ignore
  card.append(foot);
  return card;
}
