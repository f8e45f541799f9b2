import { IntlMessageFormat } from 'intl-messageformat';
import {
  checkCoSellReadiness,
  CoSellListing,
  CSV_ERROR_CODES,
  parseContactsCsv,
  READINESS_GAP_CODES,
  replaceContacts,
  type CoSellContact,
  type CsvError,
  type ReadinessGap,
} from '../../services/domain/coSellReadiness';
import { readiness } from '../../services/i18n/en/readiness';

/*
 * Seeds: 000 (fr-FR, ms.date 3/17/2021) and 004 (zh-CN, ms.date 09/27/2021). Where they disagree,
 * 004 — the later one — decides.
 */

const sales = (countries: CoSellContact['countries'], overrides: Partial<CoSellContact> = {}): CoSellContact => ({
  name: 'Inès Morel',
  email: 'ines.morel@fabrikam.example',
  title: 'Account executive',
  role: 'partnerSales',
  countries,
  states: [],
  ...overrides,
});

/** A listing with everything 000/004 ask for co-sell ready, as raw input (before parsing). */
const complete = (): Record<string, unknown> => ({
  offerType: 'saas',
  platforms: ['Azure'],
  segments: ['Enterprise'],
  solutionType: 'ip',
  solutionAreas: [{ area: 'Data & AI', subAreas: ['Analytics'] }],
  documents: [
    { kind: 'onePager', fileName: 'one-pager.pdf' },
    { kind: 'pitchDeck', fileName: 'pitch.pptx' },
  ],
  productLandingPage: 'https://fabrikam.example/migrate',
  regions: ['FR'],
  contacts: [sales(['FR'])],
});

const listing = (overrides: Record<string, unknown> = {}) => CoSellListing.parse({ ...complete(), ...overrides });
const gaps = (overrides: Record<string, unknown> = {}) => checkCoSellReadiness(listing(overrides)).missing;
const issues = (overrides: Record<string, unknown>) => {
  const result = CoSellListing.safeParse({ ...complete(), ...overrides });
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
};
const areas = (n: number, subAreas = 1) =>
  Array.from({ length: n }, (_, i) => ({ area: `Area ${i + 1}`, subAreas: Array.from({ length: subAreas }, (_, j) => `Sub ${j + 1}`) }));

describe('DOMAIN: co-sell readiness lists every unmet requirement, in the order of the tab', () => {
  it('when the tab holds everything 000/004 ask for, then the offer is ready and nothing is missing', () => {
    expect(checkCoSellReadiness(listing())).toEqual({ ready: true, missing: [] });
  });

  it('when the tab is empty, then every requirement is listed as a gap', () => {
    const empty = CoSellListing.parse({ offerType: 'saas' });
    expect(checkCoSellReadiness(empty)).toEqual({
      ready: false,
      missing: [
        { code: 'platformMissing' },
        { code: 'segmentMissing' },
        { code: 'solutionTypeMissing' },
        { code: 'solutionAreaMissing' },
        { code: 'onePagerMissing' },
        { code: 'pitchDeckMissing' },
        { code: 'productLandingPageMissing' },
        { code: 'regionMissing' },
      ],
    });
  });
});

describe('DOMAIN: co-sell listing — one or more Microsoft platforms, one or more segments, exactly one solution type (000, 004)', () => {
  it.each<[string, Record<string, unknown>, ReadinessGap[]]>([
    ['no platform', { platforms: [] }, [{ code: 'platformMissing' }]],
    ['no segment', { segments: [] }, [{ code: 'segmentMissing' }]],
    ['no solution type', { solutionType: undefined }, [{ code: 'solutionTypeMissing' }]],
    ['two platforms and two segments', { platforms: ['Azure', 'Dynamics 365'], segments: ['SMB', 'Enterprise'] }, []],
  ])('when the listing has %s, then exactly the gaps of that row are listed', (_label, overrides, expected) => {
    expect(gaps(overrides)).toEqual(expected);
  });

  it.each(['device', 'ip', 'managedService', 'service'])('when the solution type is %s, then it is accepted', (solutionType) => {
    expect(issues({ solutionType })).toEqual({});
  });

  it('when two solution types are given, or one outside table 1, then the listing is refused', () => {
    expect(issues({ solutionType: ['ip', 'service'] })).toEqual({ solutionType: 'v.choice' });
    expect(issues({ solutionType: 'consulting' })).toEqual({ solutionType: 'v.choice' });
  });
});

describe('DOMAIN: solution areas — 1 to 5 areas with 1 to 5 sub-areas each (004, ms.date 09/27/2021, over 000’s 1–3 areas with 1–2 sub-areas)', () => {
  it.each([
    [1, true],
    [3, true],
    [4, true], // 000 capped at 3; 004 is later and allows it
    [5, true],
    [6, false],
  ])('when the offer has %i solution areas, then accepted is %s', (n, accepted) => {
    expect(issues({ solutionAreas: areas(n) })).toEqual(accepted ? {} : { solutionAreas: 'v.coSell.solutionAreasMax' });
  });

  it.each([
    [1, true],
    [2, true],
    [3, true], // 000 capped at 2; 004 is later and allows it
    [5, true],
    [6, false],
  ])('when a solution area has %i sub-areas, then accepted is %s', (n, accepted) => {
    expect(issues({ solutionAreas: areas(1, n) })).toEqual(accepted ? {} : { 'solutionAreas.0.subAreas': 'v.coSell.subAreasMax' });
  });

  it('when 5 areas each carry 5 sub-areas, then the offer is ready', () => {
    expect(gaps({ solutionAreas: areas(5, 5) })).toEqual([]);
  });

  it('when no solution area is chosen, or an area has no sub-area, then each is a gap naming the area', () => {
    expect(gaps({ solutionAreas: [] })).toEqual([{ code: 'solutionAreaMissing' }]);
    expect(gaps({ solutionAreas: [{ area: 'Security', subAreas: [] }, { area: 'Data & AI', subAreas: ['Analytics'] }, { area: 'Apps' }] })).toEqual([
      { code: 'subAreaMissing', params: { area: 'Security' } },
      { code: 'subAreaMissing', params: { area: 'Apps' } },
    ]);
  });
});

describe('DOMAIN: documents — one-pager and pitch deck required; reference architecture diagram required for Azure IP co-sell incentivized; others optional (000, 004)', () => {
  const onePager = { kind: 'onePager', fileName: 'one-pager.pdf' };
  const pitchDeck = { kind: 'pitchDeck', fileName: 'pitch.pptx' };
  const diagram = { kind: 'referenceArchitecture', fileName: 'architecture.png' };

  it.each<[string, Record<string, unknown>, ReadinessGap[]]>([
    ['no document at all', { documents: [] }, [{ code: 'onePagerMissing' }, { code: 'pitchDeckMissing' }]],
    ['only the pitch deck', { documents: [pitchDeck] }, [{ code: 'onePagerMissing' }]],
    ['only the one-pager', { documents: [onePager] }, [{ code: 'pitchDeckMissing' }]],
    [
      'only the optional ones',
      {
        documents: [
          { kind: 'caseStudy', fileName: 'case.docx' },
          { kind: 'customerWins', fileName: 'wins.xlsx' },
          { kind: 'channelPitchDeck', fileName: 'channel.ppt' },
          { kind: 'other', fileName: 'demo.mp4' },
        ],
      },
      [{ code: 'onePagerMissing' }, { code: 'pitchDeckMissing' }],
    ],
    ['one-pager and pitch deck, no incentive', { documents: [onePager, pitchDeck] }, []],
    [
      'one-pager and pitch deck, aiming for Azure IP co-sell incentivized',
      { documents: [onePager, pitchDeck], incentive: 'azureIpCoSell' },
      [{ code: 'referenceArchitectureMissing', params: { incentive: 'azureIpCoSell' } }],
    ],
    ['one-pager, pitch deck and diagram, aiming for Azure IP co-sell incentivized', { documents: [onePager, pitchDeck, diagram], incentive: 'azureIpCoSell' }, []],
    ['one-pager and pitch deck, Business Applications incentive', { documents: [onePager, pitchDeck], incentive: 'bizAppsPremium' }, []],
  ])('when the listing has %s, then exactly the gaps of that row are listed', (_label, overrides, expected) => {
    expect(gaps(overrides)).toEqual(expected);
  });
});

describe('DOMAIN: documents — accepted file types .pdf .ppt .pptx .doc .docx .xls .xlsx .jpg .png .mp4, and up to 5 other documents or videos (000, 004)', () => {
  const other = (fileName: string) => ({ kind: 'other', fileName });

  it.each(['a.pdf', 'a.ppt', 'a.pptx', 'a.doc', 'a.docx', 'a.xls', 'a.xlsx', 'a.jpg', 'a.png', 'a.mp4', 'Deck v2.PDF', 'archive.tar.pdf'])(
    'when the file is "%s", then it is accepted',
    (fileName) => {
      expect(issues({ documents: [other(fileName)] })).toEqual({});
    },
  );

  it.each(['a.jpeg', 'a.zip', 'a.txt', 'a.mov', 'a.pdf.exe', 'pdf', '.pdf', 'a.', 'a.odt'])('when the file is "%s", then it is refused', (fileName) => {
    expect(issues({ documents: [other(fileName)] })).toEqual({ 'documents.0.fileName': 'v.coSell.fileType' });
  });

  it.each([
    [5, true],
    [6, false],
  ])('when %i other documents or videos are uploaded, then accepted is %s', (n, accepted) => {
    const documents = [...complete().documents as object[], ...Array.from({ length: n }, (_, i) => other(`extra-${i}.mp4`))];
    expect(issues({ documents })).toEqual(accepted ? {} : { documents: 'v.coSell.otherDocumentsMax' });
  });
});

describe('DOMAIN: a product landing page link (000, 004)', () => {
  it.each<[unknown, ReadinessGap[]]>([
    [undefined, [{ code: 'productLandingPageMissing' }]],
    ['', [{ code: 'productLandingPageMissing' }]],
    ['https://fabrikam.example/migrate', []],
    ['http://fabrikam.example', []],
  ])('when the landing page is %j, then the gaps are %j', (productLandingPage, expected) => {
    expect(gaps({ productLandingPage })).toEqual(expected);
  });

  it.each(['fabrikam.example', 'ftp://fabrikam.example', 'javascript:alert(1)', 'https://localhost'])('when the landing page is "%s", then it is refused', (productLandingPage) => {
    expect(issues({ productLandingPage })).toEqual({ productLandingPage: 'v.coSell.url' });
  });
});

describe('DOMAIN: at least one Partner-sales contact for each region where the offer should be co-sell ready (000, 004)', () => {
  it.each<[string, string[], CoSellContact[], ReadinessGap[]]>([
    ['one Partner-sales contact per region', ['FR', 'DE'], [sales(['FR']), sales(['DE'])], []],
    ['one Partner-sales contact covering several regions', ['FR', 'DE', 'US'], [sales(['FR', 'DE', 'US'])], []],
    ['a Partner-sales contact for OOO (every country)', ['FR', 'JP'], [sales('all')], []],
    ['a region with no contact at all', ['FR', 'JP'], [sales(['FR'])], [{ code: 'partnerSalesContactMissing', params: { region: 'JP' } }]],
    [
      'a region covered only by other roles',
      ['FR'],
      [sales(['FR'], { role: 'partnerMarketing' }), sales(['FR'], { role: 'partnerTechnicalSales' }), sales('all', { role: 'partnerCustomerSuccessManager' })],
      [{ code: 'partnerSalesContactMissing', params: { region: 'FR' } }],
    ],
    [
      'no contacts',
      ['FR', 'DE'],
      [],
      [
        { code: 'partnerSalesContactMissing', params: { region: 'FR' } },
        { code: 'partnerSalesContactMissing', params: { region: 'DE' } },
      ],
    ],
    ['a Partner-sales contact limited to some states of the region', ['US'], [sales(['US'], { states: ['US-WA'] })], []],
    ['no region named', [], [sales(['FR'])], [{ code: 'regionMissing' }]],
  ])('when there is %s, then exactly the regions of that row lack a Partner-sales contact', (_label, regions, contacts, expected) => {
    expect(gaps({ regions, contacts })).toEqual(expected);
  });

  it('when a region is named twice, then it is reported once', () => {
    expect(gaps({ regions: ['JP', 'jp'], contacts: [] })).toEqual([{ code: 'partnerSalesContactMissing', params: { region: 'JP' } }]);
  });
});

describe('DOMAIN: co-sell is available for eleven offer types only (000, 004)', () => {
  it.each([
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
  ])('when the offer is %s, then its co-sell listing is accepted', (offerType) => {
    expect(issues({ offerType })).toEqual({});
  });

  it('when the offer is of another type, then there is no co-sell listing for it', () => {
    expect(issues({ offerType: 'teamsApp' })).toEqual({ offerType: 'v.coSell.offerType' });
  });
});

// ---------- the contacts CSV ----------

const HEADER = 'Name,Email,Title,Role,Countries/Regions,States/Provinces';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\r\n');
const errorsOf = (text: string): CsvError[] => {
  const result = parseContactsCsv(text);
  if (!('errors' in result)) throw new Error(`expected errors, got ${JSON.stringify(result.contacts)}`);
  return result.errors;
};
const contactsOf = (text: string): CoSellContact[] => {
  const result = parseContactsCsv(text);
  if (!('contacts' in result)) throw new Error(`expected contacts, got ${JSON.stringify(result.errors)}`);
  return result.contacts;
};

describe('DOMAIN: contacts CSV — name, email, title and role are mandatory; the role is one of the four of table 3 (000, 004)', () => {
  it('when every row is complete, then each becomes a contact', () => {
    const text = csv(
      'Inès Morel,ines.morel@fabrikam.example,Account executive,Partner sales,FR,',
      'Wei Zhang,wei.zhang@fabrikam.example,Marketing lead,Partner marketing,"CN, HK",',
      'Sam Lee,sam.lee@fabrikam.example,Architect,Partner technical sales,OOO,',
      'Ana Ruiz,ana.ruiz@fabrikam.example,CSM,Partner customer success manager,US,"US-WA, US-OR"',
    );
    expect(contactsOf(text)).toEqual([
      { name: 'Inès Morel', email: 'ines.morel@fabrikam.example', title: 'Account executive', role: 'partnerSales', countries: ['FR'], states: [] },
      { name: 'Wei Zhang', email: 'wei.zhang@fabrikam.example', title: 'Marketing lead', role: 'partnerMarketing', countries: ['CN', 'HK'], states: [] },
      { name: 'Sam Lee', email: 'sam.lee@fabrikam.example', title: 'Architect', role: 'partnerTechnicalSales', countries: 'all', states: [] },
      { name: 'Ana Ruiz', email: 'ana.ruiz@fabrikam.example', title: 'CSM', role: 'partnerCustomerSuccessManager', countries: ['US'], states: ['US-WA', 'US-OR'] },
    ]);
  });

  it.each<[string, string, CsvError[]]>([
    ['no name', ',ines@fabrikam.example,AE,Partner sales,FR,', [{ line: 2, column: 'name', code: 'required' }]],
    ['no email', 'Inès,,AE,Partner sales,FR,', [{ line: 2, column: 'email', code: 'required' }]],
    ['a malformed email', 'Inès,ines at fabrikam,AE,Partner sales,FR,', [{ line: 2, column: 'email', code: 'email' }]],
    ['no title', 'Inès,ines@fabrikam.example,  ,Partner sales,FR,', [{ line: 2, column: 'title', code: 'required' }]],
    ['no role', 'Inès,ines@fabrikam.example,AE,,FR,', [{ line: 2, column: 'role', code: 'required' }]],
    ['a role outside table 3', 'Inès,ines@fabrikam.example,AE,Sales manager,FR,', [{ line: 2, column: 'role', code: 'role', value: 'Sales manager' }]],
    [
      'nothing but a role',
      ',,,Partner sales,FR,',
      [
        { line: 2, column: 'name', code: 'required' },
        { line: 2, column: 'email', code: 'required' },
        { line: 2, column: 'title', code: 'required' },
      ],
    ],
  ])('when a row has %s, then it is refused with the error of that row', (_label, row, expected) => {
    expect(errorsOf(csv(row))).toEqual(expected);
  });

  it.each(['partner sales', 'PARTNER SALES', '  Partner   sales '])('when the role is written "%s", then it is read as Partner sales', (role) => {
    expect(contactsOf(csv(`Inès,ines@fabrikam.example,AE,${role},FR,`))[0]!.role).toBe('partnerSales');
  });
});

describe('DOMAIN: contacts CSV — countries/regions as two-letter codes separated by commas, or OOO for all; optional states/provinces as XX-XX (000, 004)', () => {
  const row = (countries: string, states = '') => csv(`Inès,ines@fabrikam.example,AE,Partner sales,${countries},${states}`);

  it.each<[string, CoSellContact['countries']]>([
    ['FR', ['FR']],
    ['"US, CA, FR"', ['US', 'CA', 'FR']],
    ['"US,CA,FR"', ['US', 'CA', 'FR']],
    ['"us, ca"', ['US', 'CA']],
    ['"FR, FR"', ['FR']],
    ['OOO', 'all'],
  ])('when the countries are %s, then the contact covers %j', (countries, expected) => {
    expect(contactsOf(row(countries))[0]!.countries).toEqual(expected);
  });

  it.each<[string, CsvError[]]>([
    ['', [{ line: 2, column: 'countries', code: 'required' }]],
    ['XX', [{ line: 2, column: 'countries', code: 'country', value: 'XX' }]],
    ['"US, XX, FRA"', [
      { line: 2, column: 'countries', code: 'country', value: 'XX' },
      { line: 2, column: 'countries', code: 'country', value: 'FRA' },
    ]],
    ['000', [{ line: 2, column: 'countries', code: 'country', value: '000' }]],
    ['"OOO, US"', [{ line: 2, column: 'countries', code: 'allCountriesNotAlone' }]],
  ])('when the countries are "%s", then the row is refused with %j', (countries, expected) => {
    expect(errorsOf(row(countries))).toEqual(expected);
  });

  it.each<[string, string, string[]]>([
    ['US', 'US-WA', ['US-WA']],
    ['"US, CA"', '"us-wa, CA-ON"', ['US-WA', 'CA-ON']],
    ['OOO', 'AU-NT', ['AU-NT']],
    ['JP', 'JP-13', ['JP-13']],
  ])('when the countries are %s and the states %s, then the states are %j', (countries, states, expected) => {
    expect(contactsOf(row(countries, states))[0]!.states).toEqual(expected);
  });

  it.each<[string, string, CsvError[]]>([
    ['US', 'WA', [{ line: 2, column: 'states', code: 'state', value: 'WA' }]],
    ['US', 'US-WASH', [{ line: 2, column: 'states', code: 'state', value: 'US-WASH' }]],
    ['US', 'XX-WA', [{ line: 2, column: 'states', code: 'state', value: 'XX-WA' }]],
    ['CA', 'US-CA', [{ line: 2, column: 'states', code: 'stateOutsideCountries', value: 'US-CA' }]],
    ['', 'US-WA', [{ line: 2, column: 'countries', code: 'required' }]],
    ['"OOO, US"', 'CA-ON', [{ line: 2, column: 'countries', code: 'allCountriesNotAlone' }]],
  ])('when the countries are %s and the states "%s", then the row is refused with %j', (countries, states, expected) => {
    expect(errorsOf(row(countries, states))).toEqual(expected);
  });
});

describe('DOMAIN: contacts CSV — the template: a header row, then one contact per row; nothing is imported while any row is wrong', () => {
  it('when the columns come in another order, with the template’s notes, a byte order mark and LF endings, then they are read by name', () => {
    const text = '\uFEFFRole,Countries/Regions,Title,E-mail,Name (required)\nPartner sales,"FR, BE",AE,ines@fabrikam.example,Inès\n';
    expect(contactsOf(text)).toEqual([{ name: 'Inès', email: 'ines@fabrikam.example', title: 'AE', role: 'partnerSales', countries: ['FR', 'BE'], states: [] }]);
  });

  it('when the optional states column is absent, then contacts are still read', () => {
    expect(contactsOf('Name,Email,Title,Role,Countries\nInès,ines@fabrikam.example,AE,Partner sales,FR')).toHaveLength(1);
  });

  it('when a quoted value holds a comma, a doubled quote or a line break, then it is one value and later rows keep their line numbers', () => {
    const text = csv('"Morel, Inès","ines@fabrikam.example","AE ""EMEA""",Partner sales,FR,', '"Wei\nZhang",wei@fabrikam.example,AE,Partner sales,CN,', 'Sam,sam@fabrikam.example,AE,Partner sales,XX,');
    expect(errorsOf(text)).toEqual([{ line: 5, column: 'countries', code: 'country', value: 'XX' }]);
    const fixed = contactsOf(text.replace(',XX,', ',SG,'));
    expect(fixed.map((c) => [c.name, c.title])).toEqual([
      ['Morel, Inès', 'AE "EMEA"'],
      ['Wei\nZhang', 'AE'],
      ['Sam', 'AE'],
    ]);
  });

  it('when blank lines or rows of bare commas are left behind, then they are skipped', () => {
    expect(contactsOf(csv('Inès,ines@fabrikam.example,AE,Partner sales,FR,', ',,,,,', '', 'Sam,sam@fabrikam.example,AE,Partner sales,US,', ''))).toHaveLength(2);
  });

  it.each<[string, string, CsvError[]]>([
    ['the file is empty', '', [{ line: 1, column: null, code: 'missingHeader' }]],
    ['the file has only blank lines', '\r\n\r\n', [{ line: 1, column: null, code: 'missingHeader' }]],
    ['there are no contacts', HEADER, [{ line: 2, column: null, code: 'noContacts' }]],
    [
      'mandatory columns are missing',
      'Name,Email\nInès,ines@fabrikam.example',
      [
        { line: 1, column: 'title', code: 'missingColumn' },
        { line: 1, column: 'role', code: 'missingColumn' },
        { line: 1, column: 'countries', code: 'missingColumn' },
      ],
    ],
    ['a column is there twice', 'Name,Email,Title,Role,Countries,E-mail\nInès,a@b.example,AE,Partner sales,FR,a@b.example', [{ line: 1, column: 'email', code: 'duplicateColumn' }]],
    ['a row has more values than columns (unquoted list of countries)', csv('Inès,ines@fabrikam.example,AE,Partner sales,US, CA, FR,'), [{ line: 2, column: null, code: 'fieldCount' }]],
    ['a row has fewer values than columns', csv('Inès,ines@fabrikam.example,AE,Partner sales'), [{ line: 2, column: null, code: 'fieldCount' }]],
    ['a quote is never closed', csv('Inès,ines@fabrikam.example,AE,Partner sales,"US, CA', 'Sam,sam@fabrikam.example,AE,Partner sales,US,'), [{ line: 2, column: 'countries', code: 'unterminatedQuote' }]],
    ['a quote stands inside an unquoted value', csv('Inès "Ina" Morel,ines@fabrikam.example,AE,Partner sales,FR,'), [{ line: 2, column: 'name', code: 'malformedQuote' }]],
    ['text follows a closing quote', csv('"Inès" Morel,ines@fabrikam.example,AE,Partner sales,FR,'), [{ line: 2, column: 'name', code: 'malformedQuote' }]],
  ])('when %s, then nothing is imported and the problem is reported', (_label, text, expected) => {
    expect(errorsOf(text)).toEqual(expected);
  });

  it('when several rows are wrong, then every problem is reported and no contact is returned', () => {
    const result = parseContactsCsv(csv('Inès,ines@fabrikam.example,AE,Partner sales,FR,', 'Sam,,AE,Partner sales,FR,', 'Wei,wei@fabrikam.example,AE,Boss,FR,'));
    expect(result).toEqual({
      errors: [
        { line: 3, column: 'email', code: 'required' },
        { line: 4, column: 'role', code: 'role', value: 'Boss' },
      ],
    });
  });
});

describe('DOMAIN: importing the contacts CSV replaces all existing contacts (000, 004)', () => {
  it('when contacts are imported, then none of the earlier contacts remain, even one with the same email, and the listing is not mutated', () => {
    const before = listing({
      regions: ['FR', 'DE'],
      contacts: [sales(['DE'], { email: 'old.de@fabrikam.example' }), sales(['FR'], { name: 'Old name' })],
    });
    const imported = contactsOf(csv('Inès Morel,ines.morel@fabrikam.example,Account executive,Partner sales,FR,'));
    const after = replaceContacts(before, imported);
    expect(after.contacts).toEqual(imported);
    expect(after.contacts.map((c) => c.name)).not.toContain('Old name');
    expect(before.contacts).toHaveLength(2);
    // The German contact is gone with the import, so Germany now lacks a Partner-sales contact.
    expect(checkCoSellReadiness(after).missing).toEqual([{ code: 'partnerSalesContactMissing', params: { region: 'DE' } }]);
  });

  it('when an empty list replaces the contacts, then the listing has none (the CSV reader refuses an empty file before this)', () => {
    expect(replaceContacts(listing(), []).contacts).toEqual([]);
  });
});

describe('the readiness messages (services/i18n/en/readiness.ts)', () => {
  const compiles = (key: string) => {
    const source = (readiness as Record<string, string>)[key];
    expect(source).toBeDefined();
    const anyParam = new Proxy({}, { has: () => true, get: () => 1 });
    expect(() => new IntlMessageFormat(source!, 'en', undefined, { ignoreTag: true }).format(anyParam)).not.toThrow();
  };

  it.each(READINESS_GAP_CODES)('has a sentence for the gap %s', (code) => compiles(`readiness.gap.${code}`));
  it.each(CSV_ERROR_CODES)('has a sentence for the CSV error %s', (code) => compiles(`readiness.csv.${code}`));
  it.each(['name', 'email', 'title', 'role', 'countries', 'states'])('names the CSV column %s', (column) => compiles(`readiness.column.${column}`));

  it('has a sentence for every validation message the schemas use, and keys the catalog accepts', () => {
    const sources = ['coSellReadiness.ts', 'marketplaceRewards.ts'].map(
      (f) => require('node:fs').readFileSync(require.resolve(`../../services/domain/${f}`), 'utf8') as string,
    );
    const keys = sources.flatMap((s) => [...s.matchAll(/'(v\.(?:coSell|rewards)\.[a-zA-Z]+)'/g)].map((m) => m[1]!));
    expect(keys.length).toBeGreaterThan(5);
    for (const key of keys) compiles(key);
    for (const key of Object.keys(readiness)) {
      expect(key).toMatch(/^[a-zA-Z]+(\.[a-zA-Z_0-9]+)+$/);
      compiles(key);
    }
  });
});
