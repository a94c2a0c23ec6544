/**
 * The settings model, pure (no browser APIs): the Settings type, the defaults, repair of whatever
 * storage holds, the diff that storage keeps, and the per-site rule. settings.ts adds storage.
 */
import { CATEGORIES } from '../core/entry';

export type UnderlineStyle = 'auto' | 'dotted' | 'wavy' | 'solid';

export interface Settings {
  /** Subtext on everywhere. */
  enabled: boolean;
  /** Hostnames where it is off (each also covers its subdomains). */
  disabledSites: string[];
  underline: { style: UnderlineStyle; color: 'auto' | string; minIntensity: 1 | 2 | 3 | 4 | 5 };
  /** Built-in pack ids switched off. */
  disabledPacks: string[];
  /** Category values switched off. */
  disabledCategories: string[];
  hoverDelayMs: number;
}

/** The storage key of the settings diff, in `storage.sync` (or `storage.local` as a fall-back). */
export const SETTINGS_KEY = 'subtext:settings';

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  enabled: true,
  disabledSites: [],
  underline: { style: 'auto', color: 'auto', minIntensity: 1 },
  disabledPacks: [],
  disabledCategories: [],
  hoverDelayMs: 300,
}) as Settings;

/** Hover delays beyond this make the card feel broken; below 0 is meaningless. */
export const MAX_HOVER_DELAY_MS = 5000;
/** Keeps the settings item well under storage.sync's 8 KB per item. */
export const MAX_DISABLED_SITES = 200;

const STYLES: readonly UnderlineStyle[] = ['auto', 'dotted', 'wavy', 'solid'];
/** Only hex colours: the value ends up in a stylesheet, so nothing that could close a rule. */
const HEX_COLOR = /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;
const HOSTNAME = /^(?=.{1,253}$)[a-z0-9-]+(?:\.[a-z0-9-]+)*$|^\[[0-9a-f:.]+\]$/;

/** Lower-cases a hostname and drops a trailing dot, so "BBC.co.uk." and "bbc.co.uk" are one site. */
export function normalizeHostname(hostname: string): string {
  return hostname.trim().toLowerCase().replace(/\.$/, '');
}

/** True when `hostname` looks like a hostname (what `URL.hostname` gives for http/https pages). */
export function isHostname(hostname: string): boolean {
  return HOSTNAME.test(normalizeHostname(hostname));
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * The valid part of a stored list. A list with a bad element or too many is reported through
 * `bad`, but on load it is repaired to its valid part: one bad hostname must not switch Subtext
 * back on for every other site the reader turned it off on.
 */
function stringList(
  v: unknown,
  keep: (s: string) => boolean,
  max: number,
  bad: () => void,
): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const kept = v.filter((s): s is string => typeof s === 'string' && keep(s));
  if (kept.length !== v.length || kept.length > max) bad();
  return [...new Set(kept)].slice(0, max);
}

/**
 * Repairs any stored value into full Settings: each field that is missing or invalid takes its
 * default; `problems` lists the fields that were invalid (missing ones are not problems).
 */
export function repairSettings(raw: unknown): { settings: Settings; problems: string[] } {
  const d = DEFAULT_SETTINGS;
  const problems: string[] = [];
  const src = isPlainObject(raw) ? raw : {};
  if (raw != null && src !== raw) problems.push('settings');
  const r = src as Record<string, unknown>;
  const pick = <T>(key: string, value: T | undefined, fallback: T): T => {
    if (value !== undefined) return value;
    if (r[key] !== undefined) problems.push(key);
    return fallback;
  };
  const underlineOk = r.underline === undefined || isPlainObject(r.underline);
  if (!underlineOk) problems.push('underline');
  const u = (underlineOk ? (r.underline ?? {}) : {}) as Record<string, unknown>;
  const ok = (cond: boolean, v: unknown) => (cond ? v : undefined);
  const settings: Settings = {
    enabled: pick('enabled', ok(typeof r.enabled === 'boolean', r.enabled) as boolean, d.enabled),
    disabledSites: pick(
      'disabledSites',
      stringList(r.disabledSites, isHostname, MAX_DISABLED_SITES, () =>
        problems.push('disabledSites'),
      )?.map(normalizeHostname),
      [],
    ),
    underline: {
      style: STYLES.includes(u.style as UnderlineStyle)
        ? (u.style as UnderlineStyle)
        : d.underline.style,
      color:
        u.color === 'auto' || (typeof u.color === 'string' && HEX_COLOR.test(u.color))
          ? u.color
          : d.underline.color,
      minIntensity: [1, 2, 3, 4, 5].includes(u.minIntensity as number)
        ? (u.minIntensity as Settings['underline']['minIntensity'])
        : d.underline.minIntensity,
    },
    disabledPacks: pick(
      'disabledPacks',
      stringList(
        r.disabledPacks,
        (s) => s !== '',
        1000,
        () => problems.push('disabledPacks'),
      ),
      [],
    ),
    disabledCategories: pick(
      'disabledCategories',
      stringList(
        r.disabledCategories,
        (s) => (CATEGORIES as readonly string[]).includes(s),
        100,
        () => problems.push('disabledCategories'),
      ),
      [],
    ),
    hoverDelayMs: pick(
      'hoverDelayMs',
      ok(
        Number.isInteger(r.hoverDelayMs) &&
          (r.hoverDelayMs as number) >= 0 &&
          (r.hoverDelayMs as number) <= MAX_HOVER_DELAY_MS,
        r.hoverDelayMs,
      ) as number,
      d.hoverDelayMs,
    ),
  };
  for (const k of ['style', 'color', 'minIntensity'] as const)
    if (u[k] !== undefined && u[k] !== settings.underline[k]) problems.push(`underline.${k}`);
  return { settings, problems };
}

/** What differs from the defaults: the only thing storage keeps. */
export function diffFromDefaults(settings: Settings): Partial<Settings> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[])
    if (JSON.stringify(settings[key]) !== JSON.stringify(DEFAULT_SETTINGS[key]))
      out[key] = settings[key];
  return out as Partial<Settings>;
}

/** True when Subtext should decode this page: on everywhere and not switched off for the site. */
export function isActiveOn(settings: Settings, hostname: string): boolean {
  if (!settings.enabled) return false;
  const host = normalizeHostname(hostname);
  return !settings.disabledSites.some((site) => host === site || host.endsWith(`.${site}`));
}
