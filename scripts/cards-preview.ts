import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { galleryEntries, galleryId, type GalleryEntry } from '../cards/gallery';
import { TEAMS_CARD_WIDTH } from '../cards/hostConfig';
import type { AdaptiveCardJson } from '../cards/render';
import { CardBrowser, type LayoutProblem } from './lib/cardBrowser';
import { cardProblems } from './lib/cardChecks';
import { templatesWithoutEntries } from './lib/cardTemplates';
import { ROOT } from './lib/paths';

/*
 * npm run cards:preview [-- FILTER] [-- --docs]
 *
 * Draws every gallery card (cards/gallery.ts) as Teams would show it — the official renderer in
 * headless Chromium with Teams' light theme, at a chat card's width — into cards/preview/ (ignored
 * by git): one PNG per card, one more with its Action.ShowCard cards opened when it has any, and an
 * index.html with them all and every problem the checks of test/cards find. FILTER keeps the entries
 * whose id ("referral/received-en") contains it. --docs also refreshes the README's pictures in
 * docs/images/. Exits 1 when any card has a problem.
 */

const OUT = join(ROOT, 'cards', 'preview');
const args = process.argv.slice(2);
const docs = args.includes('--docs');
const filter = args.find((a) => !a.startsWith('--')) ?? '';

/** The README's pictures: gallery entry → file under docs/images/. */
const DOC_IMAGES: Readonly<Record<string, string>> = {
  'referral/received-en': 'card-referral.png',
  'referral-accept/prefilled-en': 'card-accept-form.png',
  'members/saved-notice-en': 'card-members.png',
  'sender-outcome/declined-reason-en': 'card-sender-outcome.png',
};

interface Drawn {
  readonly entry: GalleryEntry;
  readonly images: string[];
  readonly bytes: number;
  readonly problems: string[];
}

const layoutLine = (p: LayoutProblem) => `render: ${p.kind} by ${p.pixels}px at ${p.element}${p.text ? ` (“${p.text}”)` : ''}`;
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

async function draw(browser: CardBrowser, entry: GalleryEntry): Promise<Drawn> {
  let card: AdaptiveCardJson;
  try {
    card = entry.card();
  } catch (err) {
    return { entry, images: [], bytes: 0, problems: [`build: ${err instanceof Error ? err.message : String(err)}`] };
  }
  const problems = cardProblems(card);
  const base = galleryId(entry);
  mkdirSync(join(OUT, entry.template.replace(/\.json$/, '')), { recursive: true });
  const images = [`${base}.png`];
  const report = await browser.screenshot(card, join(OUT, images[0]!));
  if (report.error) problems.push(`render: ${report.error}`);
  if (report.visibleText === '' || report.height === 0) problems.push('render: the card shows no text');
  problems.push(...report.problems.map(layoutLine));
  if (report.showCards > 0) {
    images.push(`${base}-expanded.png`);
    const opened = await browser.screenshot(card, join(OUT, images[1]!), { expandShowCards: true });
    problems.push(...opened.problems.map((p) => `${layoutLine(p)} (show-cards open)`));
  }
  return { entry, images, bytes: Buffer.byteLength(JSON.stringify(card)), problems };
}

function indexHtml(drawn: readonly Drawn[], missing: readonly string[]): string {
  const byTemplate = new Map<string, Drawn[]>();
  for (const d of drawn) byTemplate.set(d.entry.template, [...(byTemplate.get(d.entry.template) ?? []), d]);
  const sections = [...byTemplate].map(([template, items]) => {
    const figures = items
      .map((d) => {
        const images = d.images.map((src) => `<a href="${escapeHtml(src)}"><img src="${escapeHtml(src)}" alt="${escapeHtml(galleryId(d.entry))}" loading="lazy"></a>`).join('');
        const problems = d.problems.length ? `<ul class="problems">${d.problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>` : '';
        return `<figure id="${escapeHtml(galleryId(d.entry))}"><figcaption><b>${escapeHtml(d.entry.state)}</b> · ${(d.bytes / 1024).toFixed(1)} KB</figcaption>${problems}${images}</figure>`;
      })
      .join('\n');
    return `<h2>${escapeHtml(template)}</h2>\n<div class="grid">${figures}</div>`;
  });
  const warning = missing.length
    ? `<p class="problems">Templates without gallery entries (add representative data to cards/gallery.ts): ${missing.map(escapeHtml).join(', ')}</p>`
    : '';
  return `<!doctype html><html><head><meta charset="utf-8"><title>Card gallery</title><style>
body { font-family: "Segoe UI", Arial, sans-serif; margin: 24px; background: #FAFAFA; color: #242424; }
.grid { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
figure { margin: 0; width: ${TEAMS_CARD_WIDTH + 40}px; }
figcaption { margin-bottom: 4px; }
img { display: block; max-width: 100%; margin-bottom: 8px; }
.problems { color: #C4314B; }
</style></head><body>
<h1>Card gallery</h1>
<p>${drawn.length} cards from cards/gallery.ts, drawn with the official renderer in Teams' light theme at ${TEAMS_CARD_WIDTH}px.</p>
${warning}
${sections.join('\n')}
</body></html>`;
}

async function main(): Promise<void> {
  const entries = galleryEntries().filter((e) => galleryId(e).includes(filter));
  if (entries.length === 0) throw new Error(`no gallery entry matches "${filter}"`);
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const browser = await CardBrowser.launch();
  const drawn: Drawn[] = [];
  try {
    for (const entry of entries) drawn.push(await draw(browser, entry));
  } finally {
    await browser.close();
  }
  const missing = filter ? [] : templatesWithoutEntries(galleryEntries());
  writeFileSync(join(OUT, 'index.html'), indexHtml(drawn, missing));

  if (docs) {
    for (const [id, file] of Object.entries(DOC_IMAGES)) {
      const source = drawn.find((d) => galleryId(d.entry) === id)?.images[0];
      if (!source) throw new Error(`--docs: gallery entry ${id} was not drawn (renamed, or left out by the filter?)`);
      copyFileSync(join(OUT, source), join(ROOT, 'docs', 'images', file));
      process.stdout.write(`updated docs/images/${file}\n`);
    }
  }

  const failed = drawn.filter((d) => d.problems.length > 0);
  for (const d of failed) process.stdout.write(`✗ ${galleryId(d.entry)}\n${d.problems.map((p) => `    ${p}`).join('\n')}\n`);
  if (missing.length) process.stdout.write(`! templates without gallery entries (add representative data to cards/gallery.ts): ${missing.join(', ')}\n`);
  const images = drawn.reduce((n, d) => n + d.images.length, 0);
  process.stdout.write(`wrote ${images} PNGs of ${drawn.length} cards to ${relative(process.cwd(), OUT) || '.'}/ — open ${join(OUT, 'index.html')}\n`);
  if (failed.length > 0) {
    process.stdout.write(`${failed.length} card(s) with problems\n`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
