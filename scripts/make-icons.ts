import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodePng, renderColorIcon, renderOutlineIcon } from './lib/icons';
import { MANIFEST_DIR } from './lib/manifest';

/** Regenerates manifest/color.png and manifest/outline.png from the drawing code in scripts/lib/icons.ts. */
for (const [file, png] of [
  ['color.png', renderColorIcon()],
  ['outline.png', renderOutlineIcon()],
] as const) {
  const path = join(MANIFEST_DIR, file);
  writeFileSync(path, encodePng(png));
  process.stdout.write(`wrote ${path} (${png.width}×${png.height})\n`);
}
