import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as binder from '../../cards/binder';
import { galleryEntries, galleryId, LANGS } from '../../cards/gallery';
import { entriesWithoutTemplate, TEMPLATES_DIR, templateFiles, templatesWithoutEntries } from '../../scripts/lib/cardTemplates';

/*
 * The gallery covers every card: each template file has representative data, and each entry really
 * is expanded from the template it names — watched, not trusted: the binder is wrapped to record
 * which template each expansion uses.
 */

const expanded: object[] = [];
const bind = binder.bindTemplate;
jest.spyOn(binder, 'bindTemplate').mockImplementation((template, data) => {
  expanded.push(template);
  return bind(template, data);
});

const entries = galleryEntries();

describe('the card gallery', () => {
  it('when a template in cards/templates has no gallery entry, then this fails and names it', () => {
    const missing = templatesWithoutEntries(entries);
    if (missing.length > 0) {
      throw new Error(
        `${missing.length} card template(s) have no representative data, so nothing checks them: add representative data to cards/gallery.ts for\n` +
          missing.map((m) => `  - cards/templates/${m}`).join('\n') +
          '\n(see docs/cards.md, "Adding a card")',
      );
    }
  });

  it('when an entry names a template, then that file exists', () => {
    expect(entriesWithoutTemplate(entries).map(galleryId)).toEqual([]);
  });

  it('when entries are listed, then each has a unique template/state id', () => {
    const ids = entries.map(galleryId);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(entries.length).toBeGreaterThan(0);
  });

  it('when entries are listed, then every state of every template is there for en, fr and zh (issue 12)', () => {
    expect(LANGS).toEqual(['en', 'fr', 'zh']);
    const states = new Map<string, string[]>();
    for (const e of entries) {
      const [, base, lang] = /^(.*)-([a-z]+)$/.exec(galleryId(e))!;
      states.set(base!, [...(states.get(base!) ?? []), lang!]);
    }
    expect([...states].filter(([, langs]) => langs.join() !== LANGS.join())).toEqual([]);
  });

  const byContent = new Map(templateFiles().map((f) => [JSON.stringify(JSON.parse(readFileSync(join(TEMPLATES_DIR, f), 'utf8'))), f]));

  // A card over Teams' size limit is expanded again, smaller, or replaced by the compact card
  // (cards/render.ts): the card returned is the last expansion.
  it.each(entries.map((e) => [galleryId(e), e] as const))('%s is built by the real builders from the template it names', (_id, entry) => {
    expanded.length = 0;
    const card = entry.card();
    expect(card.type).toBe('AdaptiveCard');
    const used = expanded.map((source) => byContent.get(JSON.stringify(source)) ?? '(a template that is not a file in cards/templates)');
    expect(used.at(-1)).toBe(entry.template);
    expect(used.filter((u) => !u.endsWith('.json'))).toEqual([]);
  });
});
