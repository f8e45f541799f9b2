import { PNG } from 'pngjs';

/*
 * The app's two icons, drawn in code so that regenerating them (scripts/make-icons.ts) always gives
 * the same pixels and a change to the mark is a reviewable diff. The mark is two overlapping circles:
 * the partner and Microsoft, with the deal they share where they overlap.
 */

type Rgba = readonly [r: number, g: number, b: number, a: number];

/** Teams' sizes: the colour icon is 192×192, the outline icon 32×32. */
export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

/** Also the manifest's accentColor, so the tile behind the icon matches its background. */
export const ACCENT_COLOR = '#0B6A73';

function opaque(hex: string): Rgba {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255, 255];
}

const ACCENT = opaque(ACCENT_COLOR);
const WHITE: Rgba = [255, 255, 255, 255];
const PARTNER = WHITE;
const MICROSOFT = opaque('#8FD8D2');
const SHARED = opaque('#FFC857');
const TRANSPARENT: Rgba = [255, 255, 255, 0];

/** Sub-samples per pixel side: 4×4 gives smooth edges without a graphics library. */
const SAMPLES = 4;

function inCircle(x: number, y: number, cx: number, cy: number, r: number): boolean {
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/**
 * Rasterise `paint` (a colour for every point of the square, in pixel units) with supersampling.
 * Colours are averaged premultiplied by alpha so that edges against transparency keep their colour.
 */
function rasterise(size: number, paint: (x: number, y: number) => Rgba): PNG {
  const png = new PNG({ width: size, height: size, colorType: 6 });
  const n = SAMPLES * SAMPLES;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const [cr, cg, cb, ca] = paint(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
          r += cr * ca;
          g += cg * ca;
          b += cb * ca;
          a += ca;
        }
      }
      const i = (py * size + px) * 4;
      // Fully transparent pixels are stored as transparent white, so the outline icon holds no other colour.
      png.data[i] = a === 0 ? 255 : Math.round(r / a);
      png.data[i + 1] = a === 0 ? 255 : Math.round(g / a);
      png.data[i + 2] = a === 0 ? 255 : Math.round(b / a);
      png.data[i + 3] = Math.round(a / n);
    }
  }
  return png;
}

/**
 * The full-colour icon: the mark on a full-bleed accent background (Teams rounds the corners itself).
 * The mark keeps to the middle 96×96 or so, as Teams' icon guidelines ask.
 */
export function renderColorIcon(): PNG {
  const c = COLOR_ICON_SIZE / 2;
  const r = 33;
  const offset = 15;
  return rasterise(COLOR_ICON_SIZE, (x, y) => {
    const partner = inCircle(x, y, c - offset, c, r);
    const microsoft = inCircle(x, y, c + offset, c, r);
    if (partner && microsoft) return SHARED;
    if (partner) return PARTNER;
    if (microsoft) return MICROSOFT;
    return ACCENT;
  });
}

/** The outline icon: the same two circles as white rings on transparency, nothing else. */
export function renderOutlineIcon(): PNG {
  const c = OUTLINE_ICON_SIZE / 2;
  const r = 8.5;
  const offset = 4.5;
  const stroke = 2;
  const onRing = (x: number, y: number, cx: number) => inCircle(x, y, cx, c, r) && !inCircle(x, y, cx, c, r - stroke);
  return rasterise(OUTLINE_ICON_SIZE, (x, y) => (onRing(x, y, c - offset) || onRing(x, y, c + offset) ? WHITE : TRANSPARENT));
}

export function encodePng(png: PNG): Buffer {
  return PNG.sync.write(png, { colorType: 6 });
}
