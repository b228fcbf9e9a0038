import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../paths.js';
import { encodePng } from './png.js';

/** Is (x, y) of a size×size square inside the glyph: two linked rings (a partnership), drawn with circles. */
function inGlyph(x: number, y: number, size: number): boolean {
  const r = size * 0.22;
  const stroke = size * 0.07;
  const cy = size / 2;
  return [size * 0.38, size * 0.62].some((cx) => {
    const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
    return d <= r + stroke / 2 && d >= r - stroke / 2;
  });
}

function icon(size: number, background: [number, number, number, number] | null): Buffer {
  const rgba = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const pixel = inGlyph(x, y, size) ? [255, 255, 255, 255] : (background ?? [0, 0, 0, 0]);
      rgba.set(pixel, i);
    }
  }
  return encodePng(size, size, rgba);
}

/** The Teams icons: color.png 192×192 (glyph on brand blue), outline.png 32×32 (white on transparent). */
export function writeIcons(dir = join(PROJECT_ROOT, 'manifest')): void {
  writeFileSync(join(dir, 'color.png'), icon(192, [15, 108, 189, 255]));
  writeFileSync(join(dir, 'outline.png'), icon(32, null));
}

// `node dist/src/tools/make-icons.js` regenerates manifest/color.png and manifest/outline.png.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) writeIcons();
