/** Set by the build (scripts/build.ts): which browser this bundle is for. Detect features first. */
declare const __SUBTEXT_BROWSER__: 'chrome' | 'firefox';
