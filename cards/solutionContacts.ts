import { formatContactsCsv, type CsvError } from '../services/domain/coSellReadiness';
import type { Member } from '../services/domain/model';
import type { Offer } from '../services/domain/offers';
import { isAdmin } from '../services/domain/visibility';
import type { FileProblem } from '../services/solutions/contactsFile';
import type { Translator } from '../services/i18n';
import { renderCompactCard } from './compact';
import { NAME_SHOWN, type CardColor } from './dealText';
import { renderCard, type AdaptiveCardJson } from './render';
import template from './templates/solution-contacts.json';
import { oneLine } from './untrusted';

/** Problems listed on the card at most; the rest are counted. */
export const PROBLEMS_SHOWN = 30;
/** The CSV text one card holds at most, so that the card stays well under Teams' limit. */
export const CSV_PART_CHARS = 16_000;

/**
 * An offer's contacts as the template's CSV (000, 004). To import: send the file in this chat, or paste
 * it into the box; the card then says how many contacts replace the old ones, or lists each bad row and
 * why (nothing imported). To export: the current contacts in the same format, in the box, ready to copy
 * (in parts when they do not fit in one card).
 */
export interface ContactsCardData {
  tenantId: string;
  offerId: string;
  title: string;
  intro: string;
  format: string;
  notice: string;
  noticeColor: CardColor;
  problems: { text: string }[];
  problemsMore: string;
  csvLabel: string;
  csvValue: string;
  canImport: boolean;
  importTitle: string;
  backTitle: string;
  tooLarge: string;
}

export function renderContactsCard(data: ContactsCardData): AdaptiveCardJson {
  return renderCard(template, data, {
    shrink: [(d) => ({ ...d, problems: d.problems.slice(0, 10) })],
    compact: (d) => renderCompactCard({ title: d.title, message: d.tooLarge, action: { title: d.backTitle, verb: 'offer.show', data: { tenantId: d.tenantId, offerId: d.offerId } } }),
  });
}

export function csvErrorText(error: CsvError, tr: Translator): string {
  const problem = tr.tk(`readiness.csv.${error.code}`, { value: error.value === undefined ? '' : oneLine(error.value, NAME_SHOWN) });
  return error.column === null ? tr.t('readiness.csv.atLine', { line: error.line, problem }) : tr.t('readiness.csv.at', { line: error.line, column: tr.tk(`readiness.column.${error.column}`), problem });
}

export type ImportResult =
  | { readonly kind: 'imported'; readonly count: number }
  | { readonly kind: 'csvErrors'; readonly errors: readonly CsvError[] }
  | { readonly kind: 'fileRejected'; readonly problem: FileProblem }
  | { readonly kind: 'refused'; readonly text: string };

function base(offer: Offer, viewer: Member, tr: Translator): ContactsCardData {
  return {
    tenantId: offer.tenantId,
    offerId: offer.id,
    title: tr.t('solutions.contacts.title', { name: oneLine(offer.name, NAME_SHOWN) }),
    intro: tr.t('solutions.contacts.intro'),
    format: tr.t('solutions.contacts.format'),
    notice: '',
    noticeColor: 'Default',
    problems: [],
    problemsMore: '',
    csvLabel: tr.t('solutions.contacts.paste'),
    csvValue: '',
    canImport: isAdmin(viewer),
    importTitle: tr.t('solutions.contacts.import'),
    backTitle: tr.t('solutions.contacts.back'),
    tooLarge: tr.t('card.tooLarge'),
  };
}

/** The import card, empty or after an import: what was imported, or each problem and that nothing changed. */
export function contactsImportCardData(offer: Offer, viewer: Member, tr: Translator, result?: ImportResult, typed?: string): ContactsCardData {
  const card = { ...base(offer, viewer, tr), csvValue: typed ?? '' };
  if (!result) return card;
  switch (result.kind) {
    case 'imported':
      return { ...card, csvValue: '', notice: tr.t('readiness.csv.imported', { count: result.count }), noticeColor: 'Good' };
    case 'refused':
      return { ...card, notice: result.text, noticeColor: 'Attention' };
    case 'fileRejected':
      return { ...card, notice: tr.t('readiness.csv.failed'), noticeColor: 'Attention', problems: [{ text: tr.tk(`solutions.file.${result.problem}`) }] };
    case 'csvErrors':
      return {
        ...card,
        notice: tr.t('readiness.csv.failed'),
        noticeColor: 'Attention',
        problems: result.errors.slice(0, PROBLEMS_SHOWN).map((e) => ({ text: csvErrorText(e, tr) })),
        problemsMore: result.errors.length > PROBLEMS_SHOWN ? tr.t('solutions.contacts.moreProblems', { count: result.errors.length - PROBLEMS_SHOWN }) : '',
      };
  }
}

/** The contacts as CSV, cut at row boundaries into parts that each fit one card. */
export function csvParts(offer: Offer): string[] {
  const rows = formatContactsCsv(offer.coSell.contacts).split('\r\n').filter(Boolean);
  const parts: string[] = [];
  let current = '';
  for (const row of rows) {
    if (current && current.length + row.length + 2 > CSV_PART_CHARS) {
      parts.push(current);
      current = '';
    }
    current += `${row}\r\n`;
  }
  if (current) parts.push(current);
  return parts;
}

/** The export: one card per part; several only when the contacts do not fit in one card. */
export function contactsExportCardData(offer: Offer, viewer: Member, tr: Translator): ContactsCardData[] {
  const parts = csvParts(offer);
  return parts.map((csv, i) => ({
    ...base(offer, viewer, tr),
    intro: parts.length === 1 ? tr.t('solutions.contacts.exportIntro', { count: offer.coSell.contacts.length }) : tr.t('solutions.contacts.exportPart', { part: i + 1, parts: parts.length, count: offer.coSell.contacts.length }),
    csvLabel: tr.t('solutions.contacts.exported'),
    csvValue: csv,
    // Importing one part alone would replace every contact with that part's: only a whole file is offered back.
    canImport: parts.length === 1 && isAdmin(viewer),
  }));
}
