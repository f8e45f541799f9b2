import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { renderColorIcon, renderOutlineIcon } from '../../scripts/lib/icons';
import { MANIFEST_DIR, readTemplate } from '../../scripts/lib/manifest';

function committed(file: string): PNG {
  return PNG.sync.read(readFileSync(join(MANIFEST_DIR, file)));
}

function pixels(png: PNG): { r: number; g: number; b: number; a: number }[] {
  const out = [];
  for (let i = 0; i < png.data.length; i += 4) out.push({ r: png.data[i]!, g: png.data[i + 1]!, b: png.data[i + 2]!, a: png.data[i + 3]! });
  return out;
}

describe('the app icons', () => {
  it('then the manifest names the two committed files', () => {
    expect(readTemplate().icons).toEqual({ color: 'color.png', outline: 'outline.png' });
  });

  it('then the colour icon is 192×192, opaque and in colour', () => {
    const png = committed('color.png');
    expect([png.width, png.height]).toEqual([192, 192]);
    const all = pixels(png);
    expect(all.every((p) => p.a === 255)).toBe(true);
    const colours = new Set(all.map((p) => `${p.r},${p.g},${p.b}`));
    expect(colours.size).toBeGreaterThan(3);
    expect(all.some((p) => p.r !== p.g || p.g !== p.b)).toBe(true);
  });

  it('then the outline icon is 32×32 and every pixel is white or fully transparent', () => {
    const png = committed('outline.png');
    expect([png.width, png.height]).toEqual([32, 32]);
    const all = pixels(png);
    const offending = all.map((p, i) => ({ ...p, x: i % 32, y: Math.floor(i / 32) })).filter((p) => p.a !== 0 && (p.r !== 255 || p.g !== 255 || p.b !== 255));
    expect(offending).toEqual([]);
    // Not an empty square: the mark is there, with solid strokes as well as smoothed edges.
    expect(all.filter((p) => p.a === 255).length).toBeGreaterThan(50);
    expect(all.filter((p) => p.a === 0).length).toBeGreaterThan(all.length / 2);
  });

  it('then the committed icons are exactly what scripts/make-icons.ts draws (they can be regenerated)', () => {
    expect(committed('color.png').data.equals(renderColorIcon().data)).toBe(true);
    expect(committed('outline.png').data.equals(renderOutlineIcon().data)).toBe(true);
  });
});
