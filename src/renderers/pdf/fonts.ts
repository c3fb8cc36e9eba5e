/**
 * The fonts embedded in every PDF report: DejaVu, from the `dejavu-fonts-ttf` package. pdfkit's
 * built-in Helvetica covers WinAnsi only, so a product named in Greek, Cyrillic, or with the
 * report's own ✓ ◐ ✕ glyphs, would come out wrong; DejaVu covers those. pdfkit embeds a subset of
 * each font (only the glyphs used), so a report stays small.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The condensed cut fits table columns without crowding; the monospace one is for hashes and paths. */
const FONT_FILES = {
  regular: 'DejaVuSansCondensed.ttf',
  bold: 'DejaVuSansCondensed-Bold.ttf',
  italic: 'DejaVuSansCondensed-Oblique.ttf',
  mono: 'DejaVuSansMono.ttf',
} as const;

export type FontName = keyof typeof FONT_FILES;
export const FONT_NAMES = Object.keys(FONT_FILES) as readonly FontName[];

/** DejaVu's vertical metrics, in em (ascent 1901, descent 483 of 2048 units), the same for every cut used. */
export const ASCENT = 1901 / 2048;
export const DESCENT = 483 / 2048;

/**
 * The font without its OpenType layout tables (GSUB, GPOS, GDEF) and the tables a report never
 * uses (MATH, FFTM). pdfkit shapes every distinct word through fontkit; with DejaVu's layout tables
 * that costs about 0.3 ms a word, seconds for one report, and buys only ligatures and contextual
 * forms that Latin report text does not need. The legacy `kern` table stays, so pairs are still
 * kerned. pdfkit embeds a subset that never contains these tables anyway.
 */
export function withoutLayoutTables(font: Buffer): Buffer {
  const DROP = new Set(['GSUB', 'GPOS', 'GDEF', 'MATH', 'FFTM']);
  const count = font.readUInt16BE(4);
  const tables = Array.from({ length: count }, (_, i) => {
    const at = 12 + 16 * i;
    return {
      tag: font.toString('latin1', at, at + 4),
      checksum: font.readUInt32BE(at + 4),
      offset: font.readUInt32BE(at + 8),
      length: font.readUInt32BE(at + 12),
    };
  }).filter((t) => !DROP.has(t.tag));
  const padded = (n: number) => (n + 3) & ~3;
  const head = 12 + 16 * tables.length;
  const out = Buffer.alloc(head + tables.reduce((n, t) => n + padded(t.length), 0));
  font.copy(out, 0, 0, 4); // sfnt version
  const power = 2 ** Math.floor(Math.log2(tables.length));
  out.writeUInt16BE(tables.length, 4);
  out.writeUInt16BE(16 * power, 6);
  out.writeUInt16BE(Math.log2(power), 8);
  out.writeUInt16BE(16 * (tables.length - power), 10);
  let data = head;
  tables.forEach((t, i) => {
    const at = 12 + 16 * i;
    out.write(t.tag, at, 'latin1');
    out.writeUInt32BE(t.checksum, at + 4);
    out.writeUInt32BE(data, at + 8);
    out.writeUInt32BE(t.length, at + 12);
    font.copy(out, data, t.offset, t.offset + t.length);
    data += padded(t.length);
  });
  return out;
}

let loaded: Readonly<Record<FontName, Buffer>> | null = null;

/** The fonts' bytes, read and prepared once per process (about 2 MB together). */
export function fontData(): Readonly<Record<FontName, Buffer>> {
  if (loaded) return loaded;
  let dir: string;
  try {
    const require = createRequire(import.meta.url);
    dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  } catch {
    throw new Error(
      'the PDF report needs the DejaVu fonts from the npm package dejavu-fonts-ttf, which is not installed; reinstall iotassure (npm ci)',
    );
  }
  loaded = Object.fromEntries(
    FONT_NAMES.map((name) => [name, withoutLayoutTables(readFileSync(join(dir, FONT_FILES[name])))]),
  ) as Record<FontName, Buffer>;
  return loaded;
}
