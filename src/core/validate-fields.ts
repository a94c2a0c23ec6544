/**
 * Defensive field readers for the validator: every read of an untrusted value goes through here, so
 * hostile input (getters that throw, proxies, huge arrays, odd prototypes) produces an error entry
 * instead of an exception, and nothing large is ever copied.
 */

/** One problem with one field, e.g. `{ field: 'patterns[1]', message: 'column 3: …' }`. */
export interface FieldError {
  field: string;
  message: string;
}

/** Collects errors under a path prefix (`entries[3].`). */
export class Report {
  constructor(
    private readonly prefix = '',
    private readonly shared = { errors: [] as FieldError[], count: 0 },
  ) {}

  /** The errors kept (at most {@link MAX_ERRORS}). */
  get errors(): FieldError[] {
    return this.shared.errors;
  }

  /** How many errors were added in all, kept or not: compare before and after a check. */
  get count(): number {
    return this.shared.count;
  }

  add(field: string, message: string): void {
    this.shared.count++;
    if (this.shared.errors.length < MAX_ERRORS)
      this.shared.errors.push({ field: this.prefix + field, message });
  }

  /** A report that adds to the same error list, under a longer prefix. */
  nested(prefix: string): Report {
    return new Report(this.prefix + prefix, this.shared);
  }
}

/** Past this many errors a report stops growing: a hostile pack cannot fill memory with them. */
export const MAX_ERRORS = 200;

/** A plain object's own property, or `undefined`; never throws, never walks the prototype. */
export function read(x: object, key: string): unknown {
  try {
    const d = Object.getOwnPropertyDescriptor(x, key);
    return d && 'value' in d ? d.value : undefined;
  } catch {
    return undefined;
  }
}

/** True for a non-null, non-array object (including proxies that behave). */
export function isRecord(x: unknown): x is object {
  try {
    return typeof x === 'object' && x !== null && !Array.isArray(x);
  } catch {
    return false;
  }
}

/** The own string keys of an object, or [] when they cannot be listed. */
export function keysOf(x: object): string[] {
  try {
    return Object.keys(x).slice(0, 100);
  } catch {
    return [];
  }
}

/** Report every key of `x` not in `allowed` (catches typos like `counterexamples`). */
export function checkKeys(x: object, allowed: readonly string[], r: Report, at = ''): void {
  for (const key of keysOf(x))
    if (!allowed.includes(key)) r.add(at + key, `unknown field "${key.slice(0, 40)}"`);
}

/** A string of at most `max` characters (and at least `min`), or null after reporting. */
export function readString(
  value: unknown,
  field: string,
  r: Report,
  opts: { min?: number; max: number; oneLine?: boolean; pattern?: RegExp; what?: string },
): string | null {
  if (typeof value !== 'string') {
    r.add(field, 'must be a string');
    return null;
  }
  const min = opts.min ?? 1;
  if (value.length < min)
    r.add(field, min === 1 ? 'must not be empty' : `needs ${min}+ characters`);
  else if (value.length > opts.max) r.add(field, `must be at most ${opts.max} characters`);
  else if (opts.oneLine && /[\r\n]/.test(value)) r.add(field, 'must be one line');
  else if (min > 0 && value.trim() === '') r.add(field, 'must not be blank');
  else if (opts.pattern && !opts.pattern.test(value)) r.add(field, `must be ${opts.what}`);
  else return value;
  return null;
}

/** An array of at most `max` items (and at least `min`), or null after reporting. */
export function readArray(
  value: unknown,
  field: string,
  r: Report,
  min: number,
  max: number,
): unknown[] | null {
  let length: number;
  try {
    if (!Array.isArray(value)) {
      r.add(field, 'must be a list');
      return null;
    }
    length = value.length;
  } catch {
    r.add(field, 'must be a list');
    return null;
  }
  if (length < min) r.add(field, min === 1 ? 'needs at least one item' : `needs ${min}+ items`);
  else if (length > max) r.add(field, `must have at most ${max} items`);
  else {
    const items: unknown[] = [];
    for (let i = 0; i < length; i++) items.push(read(value, String(i)));
    return items;
  }
  return null;
}

/** An integer within [min, max], or null after reporting. */
export function readInteger(
  value: unknown,
  field: string,
  r: Report,
  min: number,
  max: number,
): number | null {
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max)
    return value;
  r.add(field, `must be a whole number from ${min} to ${max}`);
  return null;
}
