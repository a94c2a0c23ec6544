/**
 * Code the benchmark runs inside the page (the main world). Kept as source strings, not
 * functions: tsx compiles this folder with esbuild's keepNames, whose `__name(...)` wrappers do
 * not exist in the page and would break a serialized function.
 */

/** A measure read back from the page's performance timeline. */
export interface PageMeasure {
  start: number;
  duration: number;
  detail: {
    textChars?: number;
    matches?: number;
    blocks?: number;
    kind?: string;
    /** The pass's longest stretch without yielding, where the build records it. */
    longestTaskMs?: number;
    /** Of a `subtext:compile` measure: its longest slice. */
    longestSliceMs?: number;
    /** The sum of the measure's tasks (its main-thread time, yields excluded), where recorded. */
    busyMs?: number;
    /** Of a `subtext:compile` measure: the background's compiled glossary was restored. */
    restored?: boolean;
  } | null;
}

export interface Timeline {
  scans: PageMeasure[];
  tasks: PageMeasure[];
  /** Glossary compiles (`subtext:compile`), where the build records them. */
  compiles: PageMeasure[];
  /** performance.now() in the page when read. */
  now: number;
}

/** The floor: one walk over the body's text nodes that only reads their length. */
export const FLOOR_WALK = `(() => {
  const root = document.body || document.documentElement;
  const t0 = performance.now();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let chars = 0;
  let nodes = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    chars += n.data.length;
    nodes++;
  }
  const ms = performance.now() - t0;
  return { ms, chars, nodes, isolated: self.crossOriginIsolated === true };
})()`;

/** Subtext's measures so far (its diagnostics write them into the page's timeline). */
export const READ_TIMELINE = `(() => {
  const read = (name) => performance.getEntriesByName(name).map((e) => ({
    start: e.startTime,
    duration: e.duration,
    detail: e.detail && typeof e.detail === 'object' ? {
      textChars: e.detail.textChars, matches: e.detail.matches,
      blocks: e.detail.blocks, kind: e.detail.kind, longestTaskMs: e.detail.longestTaskMs,
      longestSliceMs: e.detail.longestSliceMs, busyMs: e.detail.busyMs, restored: e.detail.restored,
    } : null,
  }));
  return {
    scans: read('subtext:scan'), tasks: read('subtext:task'), compiles: read('subtext:compile'),
    now: performance.now(),
  };
})()`;

export interface MarkRun {
  ms: number;
  marks: number;
  phrasesDone: number;
  complete: boolean;
}

/**
 * mark.js over `phrases` (sorted longest first, the order mark.js itself uses) with the options
 * the issue names, timed until `done`. The list is fed in chunks so a run can stop at `capMs`:
 * mark.js handles one phrase per pass over the text anyway, so chunking adds no work.
 */
export function markJsRun(phrases: readonly string[], capMs: number, chunk: number): string {
  return `(async (phrases, capMs, chunk) => {
    const instance = new Mark(document.body || document.documentElement);
    const options = { acrossElements: true, caseSensitive: false, separateWordSearch: false };
    const t0 = performance.now();
    let done = 0;
    let marks = 0;
    while (done < phrases.length) {
      const part = phrases.slice(done, done + chunk);
      marks += await new Promise((resolve) =>
        instance.mark(part, Object.assign({}, options, { done: resolve })));
      done += part.length;
      if (performance.now() - t0 > capMs) break;
    }
    const ms = performance.now() - t0;
    return { ms, marks, phrasesDone: done, complete: done >= phrases.length };
  })(${JSON.stringify(phrases)}, ${capMs}, ${chunk})`;
}

/** Appends one paragraph with `text` after the page's last paragraph (or to the body). */
export function appendParagraph(text: string): string {
  return `(() => {
    const p = document.createElement('p');
    p.textContent = ${JSON.stringify(text)};
    const paragraphs = document.querySelectorAll('p');
    const last = paragraphs[paragraphs.length - 1];
    const parent = (last && last.parentElement) || document.body || document.documentElement;
    parent.appendChild(p);
    return performance.getEntriesByName('subtext:scan').length;
  })()`;
}
