import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { GalleryEntry } from '../../cards/gallery';
import { ROOT } from './paths';

/** Where the card templates live: one JSON file per card. */
export const TEMPLATES_DIR = join(ROOT, 'cards', 'templates');

/** Every template file name (e.g. "referral.json"), sorted. */
export function templateFiles(): string[] {
  return readdirSync(TEMPLATES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();
}

/** Templates that no gallery entry shows: nothing checks them until someone adds representative data. */
export function templatesWithoutEntries(entries: readonly Pick<GalleryEntry, 'template'>[]): string[] {
  const covered = new Set(entries.map((e) => e.template));
  return templateFiles().filter((f) => !covered.has(f));
}

/** Gallery entries that name a template file that does not exist (a typo, or a removed card). */
export function entriesWithoutTemplate<E extends Pick<GalleryEntry, 'template'>>(entries: readonly E[]): E[] {
  const files = new Set(templateFiles());
  return entries.filter((e) => !files.has(e.template));
}
