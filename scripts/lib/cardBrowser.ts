import { readFileSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Route } from 'playwright-core';
import { TEAMS_CARD_WIDTH, TEAMS_HOST_CONFIGS, TEAMS_HOST_CSS, type TeamsTheme } from '../../cards/hostConfig';
import { ROOT } from './paths';

/*
 * One headless Chromium page that renders Adaptive Cards with the official `adaptivecards` renderer,
 * styled like Teams (cards/hostConfig.ts), and measures what a person would see: is there visible
 * text, does anything stick out sideways or get cut off. Used by the render test and by
 * `npm run cards:preview`.
 *
 * Everything the page needs comes from node_modules, so a fresh machine needs nothing installed by
 * hand: the browser is the Chromium that ships inside @sparticuz/chromium (CHROMIUM_PATH picks another
 * one), the renderer is adaptivecards' UMD bundle, and the fonts are npm packages — Arimo (metric-
 * compatible with Arial, what Teams' stack falls back to off Windows) and Noto Sans SC, so Chinese
 * text is measured with real glyphs whatever fonts the machine has. The page is served from a
 * made-up origin by request interception; any other request is refused, so it never uses the network.
 */

const ORIGIN = 'http://cards.invalid';

/** The font files the page may load: URL path prefix → package folder. */
const FONT_PACKAGES: Readonly<Record<string, string>> = {
  '/fonts/arimo/': 'node_modules/@fontsource/arimo/',
  '/fonts/noto-sans-sc/': 'node_modules/@fontsource/noto-sans-sc/',
};
/** Weights the host config uses (lighter 200 is synthesised from 400). */
const FONT_STYLESHEETS = ['/fonts/arimo/400.css', '/fonts/arimo/600.css', '/fonts/noto-sans-sc/400.css', '/fonts/noto-sans-sc/600.css'];

const CONTENT_TYPES: Readonly<Record<string, string>> = { '.css': 'text/css', '.woff2': 'font/woff2', '.woff': 'font/woff' };

/** Flags for a browser we did not bring ourselves (CHROMIUM_PATH): quiet, offline, no sandbox as root. */
const SYSTEM_CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--font-render-hinting=none',
];

/** The browser to drive: CHROMIUM_PATH when set, else the one inside @sparticuz/chromium (unpacked on first use, about a second). */
export async function browserToLaunch(): Promise<{ executablePath: string; args: string[] }> {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) return { executablePath: configured, args: SYSTEM_CHROMIUM_ARGS };
  // The package is ESM-first with a CommonJS build; its default export is the Chromium helper.
  const packaged = ((await import('@sparticuz/chromium')) as unknown as { default: { executablePath(): Promise<string>; args: string[] } }).default;
  return { executablePath: await packaged.executablePath(), args: [...packaged.args, '--disable-background-networking', '--disable-component-update'] };
}

/**
 * One finding: something sticks out of the card sideways (`overflow`), is cut off by an element that
 * hides its overflow (`clipped`), a button title, a line of text or what an input shows does not fit
 * (`truncated`) — which element, and by how many pixels — or text is too faint on its background
 * for WCAG AA (`contrast`: its `ratio` and the one `needed`).
 */
export interface LayoutProblem {
  readonly kind: 'overflow' | 'clipped' | 'truncated' | 'contrast';
  readonly element: string;
  readonly text: string;
  readonly pixels: number;
  readonly ratio?: number;
  readonly needed?: number;
}

export interface RenderReport {
  /** Set when parsing or rendering threw, or the page reported an error. */
  readonly error?: string;
  readonly width: number;
  readonly height: number;
  readonly visibleText: string;
  readonly problems: readonly LayoutProblem[];
  /** How many Action.ShowCard buttons the card has (their cards are measured opened too). */
  readonly showCards: number;
}

export interface RenderOptions {
  /** Open every Action.ShowCard and show every hidden element ("Show more") before measuring: they must fit too. */
  readonly expandShowCards?: boolean;
  /** Teams' light (default) or dark theme: host config colours and the page around the card. */
  readonly theme?: TeamsTheme;
}

function pageHtml(): string {
  const css = readFileSync(join(ROOT, 'node_modules/adaptivecards/dist/adaptivecards.css'), 'utf8');
  const fonts = FONT_STYLESHEETS.map((href) => `<link rel="stylesheet" href="${href}">`).join('');
  return `<!doctype html><html><head><meta charset="utf-8">${fonts}<style>${css}</style><style>${TEAMS_HOST_CSS}
#stage { padding: 16px; display: inline-block; }</style></head>
<body><div id="stage" class="theme-light"><div id="frame" class="teams-card"></div></div></body></html>`;
}

/** Serve the page and its font files; refuse everything else. */
async function serve(route: Route, html: string): Promise<void> {
  const url = new URL(route.request().url());
  if (url.origin !== ORIGIN) return route.abort('blockedbyclient');
  if (url.pathname === '/') return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
  const prefix = Object.keys(FONT_PACKAGES).find((p) => url.pathname.startsWith(p));
  if (prefix) {
    const folder = join(ROOT, FONT_PACKAGES[prefix]!);
    const file = normalize(join(folder, decodeURIComponent(url.pathname.slice(prefix.length))));
    const type = CONTENT_TYPES[extname(file)];
    if (file.startsWith(folder.endsWith(sep) ? folder : folder + sep) && type) {
      try {
        return await route.fulfill({ status: 200, contentType: type, body: readFileSync(file) });
      } catch {
        // a missing file is a 404, below
      }
    }
  }
  return route.fulfill({ status: 404, body: '' });
}

/** One browser and one page, reused for every card. */
export class CardBrowser {
  private constructor(
    private readonly browser: Browser,
    private readonly page: Page,
  ) {}

  static async launch(): Promise<CardBrowser> {
    const { executablePath, args } = await browserToLaunch();
    let browser: Browser | undefined;
    let context: BrowserContext | undefined;
    try {
      browser = await chromium.launch({ executablePath, headless: true, args });
      context = await browser.newContext({ viewport: { width: TEAMS_CARD_WIDTH + 64, height: 800 }, deviceScaleFactor: 1 });
      const html = pageHtml();
      await context.route('**/*', (route) => serve(route, html));
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(err.message));
      await page.goto(`${ORIGIN}/`, { waitUntil: 'load' });
      // The renderer's UMD bundle and our measuring script, both from disk.
      await page.addScriptTag({ path: join(ROOT, 'node_modules/adaptivecards/dist/adaptivecards.min.js') });
      await page.addScriptTag({ path: join(__dirname, 'cardPage.js') });
      const ready = await page.evaluate('typeof window.AdaptiveCards === "object" && typeof window.renderCard === "function"');
      if (!ready || errors.length > 0) {
        throw new Error(`the card page did not load in Chromium: ${errors.join('; ') || 'window.AdaptiveCards or window.renderCard is undefined'}`);
      }
      return new CardBrowser(browser, page);
    } catch (err) {
      await browser?.close().catch(() => undefined);
      throw new Error(
        `Chromium could not be started from ${executablePath}${process.env.CHROMIUM_PATH ? ' (CHROMIUM_PATH)' : ' (@sparticuz/chromium)'}: ${err instanceof Error ? err.message : String(err)}`,
        { cause: err },
      );
    }
  }

  /** Render a card in the Teams-like frame and measure it, once the fonts its text needs have loaded. */
  async render(card: object, options: RenderOptions = {}): Promise<RenderReport> {
    const theme = options.theme ?? 'light';
    const args = { card, hostConfig: TEAMS_HOST_CONFIGS[theme], theme, expand: options.expandShowCards ?? false };
    return (await this.page.evaluate(`window.renderCard(${JSON.stringify(args)})`)) as RenderReport;
  }

  /** Whether a font family has loaded glyphs in the page (for the check that CJK text is not drawn as boxes). */
  async fontLoaded(family: string, sample: string): Promise<boolean> {
    return (await this.page.evaluate(`document.fonts.load(${JSON.stringify(`16px "${family}"`)}, ${JSON.stringify(sample)}).then((faces) => faces.length > 0)`)) as boolean;
  }

  /** Render a card and save a PNG of its frame (what a seller sees in the chat). */
  async screenshot(card: object, path: string, options: RenderOptions = {}): Promise<RenderReport> {
    const report = await this.render(card, options);
    await this.page.locator('#stage').screenshot({ path, animations: 'disabled' });
    return report;
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}
