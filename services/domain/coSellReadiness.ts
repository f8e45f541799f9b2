import { z } from 'zod';
import { isCountryCode } from './countries';
import { CountryCode, Email, IncentiveProgram } from './model';

/*
 * Co-sell readiness of a commercial marketplace offer: what its "Co-sell with Microsoft" tab must
 * hold before the offer can become "Co-sell ready" (and "Azure IP co-sell incentivized").
 * Sources: seed 000 (fr-FR, ms.date 3/17/2021) and seed 004 (zh-CN, ms.date 09/27/2021). Where they
 * disagree the later one, 004, decides.
 *
 * Two kinds of rule, kept apart on purpose:
 * - what Partner Center's form does not let anyone enter (a sixth solution area, a .zip file, a
 *   sixth "other" document, an unknown country code) is refused by the schema `CoSellListing`;
 * - what a draft may still lack (no pitch deck yet, no Partner-sales contact for Japan) is not an
 *   error but a gap, listed by `checkCoSellReadiness` so that a card can show a checklist.
 * Schema messages are catalog keys (`v.*`, see services/i18n/en/readiness.ts).
 */

const text = (max: number) => z.string('v.required').trim().min(1, 'v.required').max(max, 'v.tooLong');
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** The offer types for which the co-sell option exists (000, 004: the same eleven in both). */
export const CoSellOfferType = z.enum(
  [
    'azureApplication',
    'azureContainer',
    'azureVirtualMachine',
    'consultingService',
    'dynamics365CustomerEngagementAndPowerApps',
    'dynamics365Operations',
    'dynamics365BusinessCentral',
    'iotEdgeModule',
    'managedService',
    'powerBiApp',
    'saas',
  ],
  'v.coSell.offerType',
);
export type CoSellOfferType = z.infer<typeof CoSellOfferType>;

/** Table 1 of 000/004: Device (hardware), IP (application), Managed service, Service. */
export const CoSellSolutionType = z.enum(['device', 'ip', 'managedService', 'service'], 'v.choice');
export type CoSellSolutionType = z.infer<typeof CoSellSolutionType>;

/**
 * 004 (later than 000, so it wins): at least one and at most five solution areas, each with at
 * least one and at most five sub-areas. 000 said one to three areas with one or two sub-areas.
 * (004's own summary bullet still says "one or two" sub-areas; its step-by-step section and the
 * "+ Add solution area (5 max)" link say five, and the brief settles on five.)
 */
export const MAX_SOLUTION_AREAS = 5;
export const MAX_SUB_AREAS = 5;
/** "Up to five other documents or videos" (000, 004 table 2). */
export const MAX_OTHER_DOCUMENTS = 5;

export const SolutionArea = z.object({
  area: text(200),
  subAreas: z.array(text(200)).max(MAX_SUB_AREAS, 'v.coSell.subAreasMax').default([]),
});
export type SolutionArea = z.infer<typeof SolutionArea>;

/** Table 2 of 000/004. `other` is the "other documents (optional)" row. */
export const CoSellDocumentKind = z.enum(
  ['onePager', 'pitchDeck', 'caseStudy', 'customerWins', 'channelPitchDeck', 'referenceArchitecture', 'other'],
  'v.choice',
);
export type CoSellDocumentKind = z.infer<typeof CoSellDocumentKind>;

/**
 * "Supported file types are .pdf, .ppt, .pptx, .doc, .docx, .xls, .xlsx, .jpg, .png and .mp4"
 * (000, 004). Nothing else, not even .jpeg. The extension is compared without regard to case
 * because Windows, where these files are made, does not tell "Deck.PDF" from "Deck.pdf".
 */
export const ACCEPTED_DOCUMENT_EXTENSIONS: ReadonlySet<string> = new Set(['pdf', 'ppt', 'pptx', 'doc', 'docx', 'xls', 'xlsx', 'jpg', 'png', 'mp4']);

export function hasAcceptedDocumentType(fileName: string): boolean {
  const dot = fileName.lastIndexOf('.');
  if (dot <= 0 || dot === fileName.length - 1) return false;
  return ACCEPTED_DOCUMENT_EXTENSIONS.has(fileName.slice(dot + 1).toLowerCase());
}

/**
 * Where a document can be opened: the link an admin gave, or the link Teams gives to a file the admin
 * sent in chat (it stays in their OneDrive or SharePoint). Only https: these links end up on cards.
 */
export const DocumentUrl = z.url({ protocol: /^https$/, hostname: z.regexes.domain, error: 'v.coSell.documentUrl' }).max(2000, 'v.tooLong');

export const CoSellDocument = z.object({
  kind: CoSellDocumentKind,
  fileName: text(255).refine(hasAcceptedDocumentType, 'v.coSell.fileType'),
  url: DocumentUrl.optional(),
});
export type CoSellDocument = z.infer<typeof CoSellDocument>;

/** The contact roles of table 3 (000, 004). */
export const CoSellContactRole = z.enum(['partnerMarketing', 'partnerSales', 'partnerTechnicalSales', 'partnerCustomerSuccessManager'], 'v.choice');
export type CoSellContactRole = z.infer<typeof CoSellContactRole>;

/**
 * States/provinces "in the XX-XX format" of Partner Center's states table (000, 004): a country code,
 * a hyphen and two characters. The table is not in the seeds, so we check the shape and that the
 * first part is a country; the second part may be a digit pair (e.g. ISO 3166-2 JP-13).
 */
export function isStateCode(code: string): boolean {
  return /^[A-Z]{2}-[A-Z0-9]{2}$/.test(code) && isCountryCode(code.slice(0, 2));
}

export const StateCode = z
  .string('v.required')
  .trim()
  .transform((s) => s.toUpperCase())
  .refine(isStateCode, 'v.coSell.state');

/** The seeds' "OOO" (three letters O): the contact covers every country and region (000, 004). */
export const ALL_COUNTRIES = 'all';

export const CoSellContact = z
  .object({
    name: text(200),
    email: Email,
    title: text(200),
    role: CoSellContactRole,
    /** Two-letter co-sell country/region codes, or every country (000, 004). */
    countries: z.union([z.literal(ALL_COUNTRIES), z.array(CountryCode).min(1, 'v.required')], 'v.required'),
    states: z.array(StateCode).default([]),
  })
  // Our check, not the seeds': a state outside the contact's countries is a slip (CA-ON under "US",
  // or US-CA under "CA" meant as California) that would silently leave the province uncovered.
  .superRefine((c, ctx) => {
    // Also runs when other fields failed, so it reads `countries` only once it is a list.
    const countries: unknown = c.countries;
    if (!Array.isArray(countries) || !Array.isArray(c.states)) return;
    c.states.forEach((state, i) => {
      // A malformed state already has its own issue; zod runs this refinement anyway.
      if (isStateCode(state) && !countries.includes(state.slice(0, 2))) ctx.addIssue({ code: 'custom', path: ['states', i], message: 'v.coSell.stateOutsideCountries' });
    });
  });
export type CoSellContact = z.infer<typeof CoSellContact>;

const LandingPage = z.url({ protocol: /^https?$/, hostname: z.regexes.domain, error: 'v.coSell.url' });

/** The "Co-sell with Microsoft" tab of one offer, as Partner Center lets it be filled in. */
export const CoSellListing = z.object({
  offerType: CoSellOfferType,
  /** One or more Microsoft platforms the offer is built on, extends or integrates with (000, 004). */
  platforms: z.array(text(200)).default([]),
  /** One or more market segments (000, 004). */
  segments: z.array(text(200)).default([]),
  /** Exactly one (000, 004): a single value, never a list. */
  solutionType: CoSellSolutionType.optional(),
  solutionAreas: z.array(SolutionArea).max(MAX_SOLUTION_AREAS, 'v.coSell.solutionAreasMax').default([]),
  documents: z
    .array(CoSellDocument)
    .default([])
    .refine((docs) => docs.filter((d) => d.kind === 'other').length <= MAX_OTHER_DOCUMENTS, 'v.coSell.otherDocumentsMax'),
  productLandingPage: z.preprocess(blankToUndefined, LandingPage.optional()),
  /** The incentive the offer aims for, if any; "Azure IP co-sell incentivized" asks for more documents. */
  incentive: IncentiveProgram.optional(),
  /** The countries/regions where the offer should be co-sell ready (000, 004 "each region"). */
  regions: z.array(CountryCode).default([]),
  /** Replaced as a whole by each CSV import (000, 004); see `replaceContacts`. */
  contacts: z.array(CoSellContact).default([]),
});
export type CoSellListing = z.infer<typeof CoSellListing>;

// ---------- readiness ----------

/** One unmet requirement, in the order the tab asks for them. Messages: `readiness.gap.<code>`. */
export type ReadinessGap =
  | { readonly code: 'platformMissing' }
  | { readonly code: 'segmentMissing' }
  | { readonly code: 'solutionTypeMissing' }
  | { readonly code: 'solutionAreaMissing' }
  | { readonly code: 'subAreaMissing'; readonly params: { readonly area: string } }
  | { readonly code: 'onePagerMissing' }
  | { readonly code: 'pitchDeckMissing' }
  | { readonly code: 'referenceArchitectureMissing'; readonly params: { readonly incentive: 'azureIpCoSell' } }
  | { readonly code: 'productLandingPageMissing' }
  | { readonly code: 'regionMissing' }
  | { readonly code: 'partnerSalesContactMissing'; readonly params: { readonly region: string } };
export type ReadinessGapCode = ReadinessGap['code'];

const GAP_CODES = {
  platformMissing: true,
  segmentMissing: true,
  solutionTypeMissing: true,
  solutionAreaMissing: true,
  subAreaMissing: true,
  onePagerMissing: true,
  pitchDeckMissing: true,
  referenceArchitectureMissing: true,
  productLandingPageMissing: true,
  regionMissing: true,
  partnerSalesContactMissing: true,
} as const satisfies Record<ReadinessGapCode, true>;
/** Every gap code, so the catalog can be checked for a sentence per code. */
export const READINESS_GAP_CODES = Object.keys(GAP_CODES) as ReadinessGapCode[];

/**
 * Gaps that are advice, not requirements: both seeds ask for the product landing page link but list it
 * among neither the co-sell listing's required fields nor the required documents (DOMAIN.md calls it
 * recommended). It is still listed, so a card can recommend it, but it never keeps an offer from being
 * ready.
 */
export const RECOMMENDED_GAPS: ReadonlySet<ReadinessGapCode> = new Set<ReadinessGapCode>(['productLandingPageMissing']);

export function isRecommendation(gap: ReadinessGap): boolean {
  return RECOMMENDED_GAPS.has(gap.code);
}

export interface Readiness {
  /** True when no requirement is missing for the status the offer aims at (co-sell ready, plus its incentive); recommendations aside. */
  readonly ready: boolean;
  /** Every unmet requirement and recommendation (see isRecommendation), in the order the tab asks for them. */
  readonly missing: readonly ReadinessGap[];
}

/** A Partner-sales contact for a country covers it, whether or not it also lists states in it. */
function coversRegion(contact: CoSellContact, region: string): boolean {
  return contact.role === 'partnerSales' && (contact.countries === ALL_COUNTRIES || contact.countries.includes(region));
}

/**
 * Every requirement the listing does not meet yet (000, 004), for a listing parsed with
 * `CoSellListing` at the boundary: the limits the schema enforces (at most 5 areas, accepted file
 * types) are not checked a second time here.
 */
export function checkCoSellReadiness(listing: CoSellListing): Readiness {
  const missing: ReadinessGap[] = [];
  // 000/004 "Co-sell listings": one or more platforms, one or more segments, one solution type.
  if (listing.platforms.length === 0) missing.push({ code: 'platformMissing' });
  if (listing.segments.length === 0) missing.push({ code: 'segmentMissing' });
  if (!listing.solutionType) missing.push({ code: 'solutionTypeMissing' });
  // 004: at least one area, and at least one sub-area in each.
  if (listing.solutionAreas.length === 0) missing.push({ code: 'solutionAreaMissing' });
  for (const a of listing.solutionAreas) if (a.subAreas.length === 0) missing.push({ code: 'subAreaMissing', params: { area: a.area } });
  // 000/004 note under "Upload documents": one-pager and pitch deck for co-sell ready; the reference
  // architecture diagram as well for Azure IP co-sell incentivized. Other documents are optional.
  const has = (kind: CoSellDocumentKind) => listing.documents.some((d) => d.kind === kind);
  if (!has('onePager')) missing.push({ code: 'onePagerMissing' });
  if (!has('pitchDeck')) missing.push({ code: 'pitchDeckMissing' });
  if (listing.incentive === 'azureIpCoSell' && !has('referenceArchitecture')) {
    missing.push({ code: 'referenceArchitectureMissing', params: { incentive: 'azureIpCoSell' } });
  }
  // 000/004 "Product landing page": the link to the product's site; a recommendation (RECOMMENDED_GAPS).
  if (!listing.productLandingPage) missing.push({ code: 'productLandingPageMissing' });
  // 000/004 table 3, Partner sales: "at least one Partner-sales contact for each region where you
  // want the offer to be co-sell ready"; one contact may cover several. With no region named, there
  // is nowhere the offer could be co-sell ready.
  const regions = [...new Set(listing.regions)];
  if (regions.length === 0) missing.push({ code: 'regionMissing' });
  for (const region of regions) {
    if (!listing.contacts.some((c) => coversRegion(c, region))) missing.push({ code: 'partnerSalesContactMissing', params: { region } });
  }
  return { ready: missing.every(isRecommendation), missing };
}

/** "Importing a .CSV file will replace all existing contacts" (000, 004): nothing is merged or kept. */
export function replaceContacts<L extends Pick<CoSellListing, 'contacts'>>(listing: L, contacts: readonly CoSellContact[]): L {
  return { ...listing, contacts: [...contacts] };
}

// ---------- the contacts CSV ----------

/** The template's columns (000, 004): all mandatory except states/provinces. */
export type ContactColumn = 'name' | 'email' | 'title' | 'role' | 'countries' | 'states';
const REQUIRED_COLUMNS: readonly ContactColumn[] = ['name', 'email', 'title', 'role', 'countries'];

/**
 * Header names we recognise, compared in lower case without spaces, punctuation or a parenthesised
 * note such as "(required)". The seeds describe the template's columns but do not spell its headers.
 */
const HEADER_ALIASES: Readonly<Record<string, ContactColumn>> = {
  name: 'name',
  contactname: 'name',
  fullname: 'name',
  email: 'email',
  emailaddress: 'email',
  title: 'title',
  jobtitle: 'title',
  role: 'role',
  country: 'countries',
  countries: 'countries',
  countryregion: 'countries',
  countriesregions: 'countries',
  countriesandregions: 'countries',
  state: 'states',
  states: 'states',
  stateprovince: 'states',
  statesprovinces: 'states',
  statesandprovinces: 'states',
};

/** The role names as the template's users write them (table 3, English), case and spacing aside. */
const ROLE_NAMES: Readonly<Record<string, CoSellContactRole>> = {
  'partner marketing': 'partnerMarketing',
  'partner sales': 'partnerSales',
  'partner technical sales': 'partnerTechnicalSales',
  'partner customer success manager': 'partnerCustomerSuccessManager',
};

export type CsvErrorCode =
  | 'missingHeader'
  | 'missingColumn'
  | 'duplicateColumn'
  | 'noContacts'
  | 'fieldCount'
  | 'unterminatedQuote'
  | 'malformedQuote'
  | 'required'
  | 'tooLong'
  | 'email'
  | 'role'
  | 'country'
  | 'allCountriesNotAlone'
  | 'state'
  | 'stateOutsideCountries';

const CSV_CODES = {
  missingHeader: true,
  missingColumn: true,
  duplicateColumn: true,
  noContacts: true,
  fieldCount: true,
  unterminatedQuote: true,
  malformedQuote: true,
  required: true,
  tooLong: true,
  email: true,
  role: true,
  country: true,
  allCountriesNotAlone: true,
  state: true,
  stateOutsideCountries: true,
} as const satisfies Record<CsvErrorCode, true>;
/** Every CSV error code, so the catalog can be checked for a sentence per code. */
export const CSV_ERROR_CODES = Object.keys(CSV_CODES) as CsvErrorCode[];

/** One problem in the file. `line` is 1-based (the header is line 1); `column` is null for a whole row. */
export interface CsvError {
  readonly line: number;
  readonly column: ContactColumn | null;
  readonly code: CsvErrorCode;
  /** The offending value where one is worth quoting back (a country code, a state, a role). */
  readonly value?: string;
}

export type ContactsCsvResult = { readonly contacts: CoSellContact[] } | { readonly errors: CsvError[] };

interface RawRecord {
  readonly line: number;
  readonly fields: string[];
  /** Quoting problems in this record, by field index. */
  readonly problems: { readonly field: number; readonly line: number; readonly code: 'unterminatedQuote' | 'malformedQuote' }[];
}

/**
 * RFC 4180 as Excel writes it: comma-separated, fields in double quotes may hold commas, line
 * breaks and doubled quotes (the seeds' "US, CA, FR" is such a field); CRLF, LF or CR end a record;
 * a UTF-8 byte order mark is dropped. Records keep the line they start on, so errors point there.
 */
function readRecords(input: string): RawRecord[] {
  const s = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const records: RawRecord[] = [];
  const isEnd = (c: string | undefined) => c === undefined || c === ',' || c === '\n' || c === '\r';
  let i = 0;
  let line = 1;
  while (i < s.length) {
    const start = line;
    const fields: string[] = [];
    const problems: RawRecord['problems'][number][] = [];
    for (;;) {
      let value = '';
      if (s[i] === '"') {
        const fieldLine = line;
        let closed = false;
        i++;
        while (i < s.length) {
          const c = s[i]!;
          if (c === '"') {
            if (s[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === '\n' || (c === '\r' && s[i + 1] !== '\n')) line++;
          value += c;
          i++;
        }
        if (!closed) {
          problems.push({ field: fields.length, line: fieldLine, code: 'unterminatedQuote' });
        } else if (!isEnd(s[i])) {
          problems.push({ field: fields.length, line, code: 'malformedQuote' });
          while (!isEnd(s[i])) value += s[i++];
        }
      } else {
        while (!isEnd(s[i])) {
          if (s[i] === '"' && !problems.some((p) => p.field === fields.length)) problems.push({ field: fields.length, line, code: 'malformedQuote' });
          value += s[i++];
        }
      }
      fields.push(value);
      if (s[i] === ',') {
        i++;
        continue;
      }
      if (s[i] === '\r' && s[i + 1] === '\n') i += 2;
      else if (i < s.length) i++;
      line++;
      break;
    }
    records.push({ line: start, fields, problems });
  }
  return records;
}

const headerKey = (h: string) => h.replace(/\([^)]*\)/g, '').toLowerCase().replace(/[^a-z]/g, '');

/** "US, CA, FR" → ['US', 'CA', 'FR']; "OOO" → every country. Codes are checked by the schema. */
function readCountries(cell: string): { value: unknown } | { error: CsvErrorCode } {
  const codes = cell
    .split(',')
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  if (codes.length === 0) return { value: undefined };
  if (codes.includes('OOO')) return codes.length === 1 ? { value: ALL_COUNTRIES } : { error: 'allCountriesNotAlone' };
  return { value: [...new Set(codes)] };
}

function readStates(cell: string): string[] {
  return [...new Set(cell.split(',').map((c) => c.trim().toUpperCase()).filter(Boolean))];
}

/** The CSV code for a schema message on a contact field. */
function csvCode(message: string): CsvErrorCode {
  switch (message) {
    case 'v.tooLong':
      return 'tooLong';
    case 'v.email':
      return 'email';
    case 'v.country':
      return 'country';
    case 'v.coSell.state':
      return 'state';
    case 'v.coSell.stateOutsideCountries':
      return 'stateOutsideCountries';
    default:
      return 'required';
  }
}

/**
 * Read the contacts template (000, 004): a header row, then one contact per row with name, email,
 * title and role (all mandatory; role one of table 3), countries/regions (two-letter codes separated
 * by commas in one quoted field, or OOO for all) and optional states/provinces (XX-XX). Either every
 * row is good and the contacts come back, or every problem found comes back and nothing is imported:
 * since an import replaces all contacts, importing half a file would silently drop the rest.
 */
export function parseContactsCsv(text: string): ContactsCsvResult {
  // Excel leaves rows of bare commas behind cleared cells; they are not contacts.
  const records = readRecords(text).filter((r) => r.problems.length > 0 || r.fields.some((f) => f.trim() !== ''));
  const header = records[0];
  if (!header) return { errors: [{ line: 1, column: null, code: 'missingHeader' }] };
  if (header.problems.length > 0) return { errors: header.problems.map((p) => ({ line: p.line, column: null, code: p.code })) };

  const errors: CsvError[] = [];
  const columns: (ContactColumn | null)[] = header.fields.map((h) => HEADER_ALIASES[headerKey(h)] ?? null);
  for (const column of new Set(columns)) {
    if (column && columns.filter((c) => c === column).length > 1) errors.push({ line: header.line, column, code: 'duplicateColumn' });
  }
  for (const column of REQUIRED_COLUMNS) if (!columns.includes(column)) errors.push({ line: header.line, column, code: 'missingColumn' });
  if (errors.length > 0) return { errors };

  const rows = records.slice(1);
  if (rows.length === 0) return { errors: [{ line: header.line + 1, column: null, code: 'noContacts' }] };

  const contacts: CoSellContact[] = [];
  for (const row of rows) {
    if (row.problems.length > 0) {
      for (const p of row.problems) errors.push({ line: p.line, column: columns[p.field] ?? null, code: p.code });
      continue;
    }
    if (row.fields.length !== columns.length) {
      errors.push({ line: row.line, column: null, code: 'fieldCount' });
      continue;
    }
    const cell = (column: ContactColumn) => {
      const at = columns.indexOf(column);
      return at < 0 ? '' : row.fields[at]!;
    };
    const rowErrors: CsvError[] = [];
    const roleCell = cell('role').trim();
    const role = ROLE_NAMES[roleCell.toLowerCase().replace(/\s+/g, ' ')];
    if (roleCell === '') rowErrors.push({ line: row.line, column: 'role', code: 'required' });
    else if (!role) rowErrors.push({ line: row.line, column: 'role', code: 'role', value: roleCell });
    const countries = readCountries(cell('countries'));
    if ('error' in countries) rowErrors.push({ line: row.line, column: 'countries', code: countries.error });
    const states = readStates(cell('states'));

    // A blank cell is a missing value ("required"), not a malformed one.
    const given = (column: ContactColumn) => (cell(column).trim() === '' ? undefined : cell(column));
    const raw = {
      name: given('name'),
      email: given('email'),
      title: given('title'),
      role: role ?? 'partnerSales', // already reported above; keeps the schema's issues about the other fields
      countries: 'value' in countries ? countries.value : ALL_COUNTRIES,
      states,
    };
    const parsed = CoSellContact.safeParse(raw);
    if (parsed.success && rowErrors.length === 0) {
      contacts.push(parsed.data);
      continue;
    }
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = issue.path[0] as ContactColumn;
        const index = issue.path[1];
        const value = typeof index === 'number' ? (column === 'states' ? states[index] : (raw.countries as string[])[index]) : undefined;
        rowErrors.push({ line: row.line, column, code: csvCode(issue.message), ...(value !== undefined ? { value } : {}) });
      }
    }
    errors.push(...rowErrors);
  }
  return errors.length > 0 ? { errors } : { contacts };
}

/** The template's header, as the contacts export writes it (the reader above also takes other spellings). */
export const CONTACTS_CSV_HEADER = ['Name', 'Email', 'Title', 'Role', 'Countries/Regions', 'States/Provinces'] as const;

/** Table 3's role names as the template is filled in (and as the reader above reads them back). */
const ROLE_TITLES: Readonly<Record<CoSellContactRole, string>> = {
  partnerMarketing: 'Partner marketing',
  partnerSales: 'Partner sales',
  partnerTechnicalSales: 'Partner technical sales',
  partnerCustomerSuccessManager: 'Partner customer success manager',
};

/**
 * A spreadsheet runs a cell that starts with = + - or @ as a formula. Contacts come from people's CSV
 * files, so such a cell is written with a leading apostrophe, which Excel shows as text (OWASP's
 * advice for CSV exports); importing the file back keeps the apostrophe.
 */
function inert(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvField(value: string): string {
  const safe = inert(value);
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The contacts as the template's CSV (000, 004: "export your existing contacts, then change that
 * file"): the same columns, role names and codes `parseContactsCsv` reads, CRLF line ends, so an
 * exported file imports back unchanged.
 */
export function formatContactsCsv(contacts: readonly CoSellContact[]): string {
  const rows = contacts.map((c) =>
    [c.name, c.email, c.title, ROLE_TITLES[c.role], c.countries === ALL_COUNTRIES ? 'OOO' : c.countries.join(', '), c.states.join(', ')].map(csvField).join(','),
  );
  return [CONTACTS_CSV_HEADER.join(','), ...rows].join('\r\n') + '\r\n';
}
