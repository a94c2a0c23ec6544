/**
 * Draws the toolbar and store icons from icons/subtext.svg: icon-{16,32,48,128}.png, and a greyed
 * icon-off-*.png set for "Subtext is off on this site". The PNGs are committed, so a build needs
 * no renderer; run `npm run icons` after editing the SVG.
 */
import { Resvg } from '@resvg/resvg-js';
import fs from 'node:fs';
import path from 'node:path';

const dir = path.resolve(import.meta.dirname, '..', 'icons');
const svg = fs.readFileSync(path.join(dir, 'subtext.svg'), 'utf8');
const greyed = svg.replaceAll('#1f3a5f', '#6b7280').replaceAll('#f2b134', '#c7cbd1');

for (const size of [16, 32, 48, 128]) {
  for (const [name, source] of [
    ['icon', svg],
    ['icon-off', greyed],
  ] as const) {
    const png = new Resvg(source, { fitTo: { mode: 'width', value: size } }).render().asPng();
    fs.writeFileSync(path.join(dir, `${name}-${size}.png`), png);
    console.log(`icons/${name}-${size}.png (${png.length} bytes)`);
  }
}
