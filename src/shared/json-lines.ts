/**
 * Where each entry of an import file starts, so an error can name its line. JSON.parse gives the
 * values but not their positions; this walks the (already valid) text once.
 */

/**
 * 1-based line of each element of the entries array in valid JSON `text`: the root array, or the
 * array under the root object's `entries` key. Empty when there is neither.
 */
export function entryLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let target = -1; // depth inside the entries array, once found
  let lastKey = '';
  let expectValue = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') {
      line++;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r') continue;
    if (expectValue && depth === target && ch !== ']') lines.push(line);
    expectValue = false;
    if (ch === '"') {
      const startAt = i;
      for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++;
      if (depth === 1) lastKey = JSON.parse(text.slice(startAt, i + 1)) as string;
    } else if (ch === '[' || ch === '{') {
      depth++;
      if (ch === '[' && target === -1 && (depth === 1 || (depth === 2 && lastKey === 'entries'))) {
        target = depth;
        expectValue = true;
      }
    } else if (ch === ']' || ch === '}') {
      if (depth === target) target = -2; // done: later arrays are not entries
      depth--;
    } else if (ch === ',' && depth === target) {
      expectValue = true;
    }
  }
  return lines;
}

/**
 * The offset of the first syntax error in `text`, found by a small JSON reader, for engines whose
 * JSON.parse message has no position (Node 20 / V8 11 says only "Unexpected token").
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string) => (text.startsWith(word, i) ? (i += word.length) : fail());
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail();
      i += text[i] === '\\' ? 2 : 1;
    }
    if (i >= text.length) fail();
    i++;
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === '{' || ch === '[') {
      const close = ch === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) return void i++;
      for (;;) {
        if (close === '}') {
          ws();
          if (text[i] !== '"') fail();
          string();
          ws();
          if (text[i] !== ':') fail();
          i++;
        }
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === close) return void i++;
        else fail();
      }
    }
    if (ch === '"') return string();
    if (ch === 't') return void literal('true');
    if (ch === 'f') return void literal('false');
    if (ch === 'n') return void literal('null');
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail();
    i += m![0].length;
  };
  try {
    value();
    ws();
    return i < text.length ? i : -1;
  } catch (at) {
    return typeof at === 'number' ? at : 0;
  }
}

/** The 1-based line of a JSON.parse error: from the engine's message, else found by reading. */
export function jsonErrorLine(text: string, message: string): number {
  const lc = /line (\d+)/i.exec(message);
  if (lc) return Number(lc[1]);
  const pos = /position (\d+)/i.exec(message);
  const at = pos ? Number(pos[1]) : jsonErrorOffset(text);
  return text.slice(0, Math.max(at, 0)).split('\n').length;
}
