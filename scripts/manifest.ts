/**
 * Per-browser manifests from the one source manifest.json: Chrome gets an MV3 service worker and
 * no gecko settings; Firefox gets an event page (`background.scripts`) and its gecko id.
 */
export type BrowserTarget = 'chrome' | 'firefox';

type Manifest = Record<string, unknown> & {
  background?: { service_worker?: string; scripts?: string[] };
};

export function manifestFor(target: BrowserTarget, source: Record<string, unknown>): Manifest {
  const m = structuredClone(source) as Manifest;
  const bg = m.background ?? {};
  if (target === 'chrome') {
    m.background = { service_worker: bg.service_worker ?? 'background.js' };
    delete m.browser_specific_settings;
  } else {
    m.background = { scripts: bg.scripts ?? [bg.service_worker ?? 'background.js'] };
  }
  return m;
}
