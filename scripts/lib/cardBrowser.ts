import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { TEAMS_CARD_WIDTH, TEAMS_HOST_CSS, TEAMS_LIGHT_HOST_CONFIG } from '../../cards/hostConfig';
import { ROOT } from './paths';

/*
 * One headless Chromium page that renders Adaptive Cards with the official `adaptivecards` renderer,
 * styled like Teams (cards/hostConfig.ts), and measures what a person would see: is there visible
 * text, does anything stick out sideways or get cut off. Used by the render test and by
 * `npm run cards:preview`; the page loads the renderer from node_modules, never from a CDN.
 */

const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** Where Chromium is, or an error that says how to get it (never a silent skip). */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
  if (existsSync(path)) return path;
  throw new Error(
    [
      `Chromium was not found at ${path}; the Adaptive Card render check and preview need it.`,
      'Install it from Debian (never a downloaded browser build):',
      '    sudo apt-get update && sudo apt-get install -y chromium fonts-wqy-microhei',
      'or point CHROMIUM_PATH at an existing Chromium/Chrome binary. CI (.ci/run) installs it by itself.',
    ].join('\n'),
  );
}

const LAUNCH_ARGS = [
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

/**
 * One layout finding: something sticks out of the card sideways (`overflow`), is cut off by an
 * element that hides its overflow (`clipped`), or a button title or line of text ends in "…" because
 * it does not fit (`truncated`); which element, and by how many pixels.
 */
export interface LayoutProblem {
  readonly kind: 'overflow' | 'clipped' | 'truncated';
  readonly element: string;
  readonly text: string;
  readonly pixels: number;
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
  /** Open every Action.ShowCard before measuring (their inputs must fit too). */
  readonly expandShowCards?: boolean;
}

function pageHtml(): string {
  const css = readFileSync(join(ROOT, 'node_modules/adaptivecards/dist/adaptivecards.css'), 'utf8');
  return `<!doctype html><html><head><meta charset="utf-8"><style>${css}</style><style>${TEAMS_HOST_CSS}
#stage { padding: 16px; display: inline-block; }</style></head>
<body><div id="stage"><div id="frame" class="teams-card"></div></div></body></html>`;
}

/** One browser and one page, reused for every card. */
export class CardBrowser {
  private constructor(
    private readonly context: BrowserContext,
    private readonly page: Page,
    private readonly userDataDir: string,
  ) {}

  static async launch(): Promise<CardBrowser> {
    const executablePath = chromiumPath();
    const userDataDir = mkdtempSync(join(tmpdir(), 'cards-chromium-'));
    let context: BrowserContext | undefined;
    try {
      context = await chromium.launchPersistentContext(userDataDir, {
        executablePath,
        headless: true,
        args: LAUNCH_ARGS,
        viewport: { width: TEAMS_CARD_WIDTH + 64, height: 800 },
        deviceScaleFactor: 1,
        offline: true,
      });
      const page = context.pages()[0] ?? (await context.newPage());
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(err.message));
      await page.setContent(pageHtml(), { waitUntil: 'load' });
      // The renderer's UMD bundle and our measuring script, both from disk: the page never uses the network.
      await page.addScriptTag({ path: join(ROOT, 'node_modules/adaptivecards/dist/adaptivecards.min.js') });
      await page.addScriptTag({ path: join(__dirname, 'cardPage.js') });
      const ready = await page.evaluate('typeof window.AdaptiveCards === "object" && typeof window.renderCard === "function"');
      if (!ready || errors.length > 0) {
        throw new Error(`the card page did not load in Chromium: ${errors.join('; ') || 'window.AdaptiveCards or window.renderCard is undefined'}`);
      }
      return new CardBrowser(context, page, userDataDir);
    } catch (err) {
      await context?.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
      throw err;
    }
  }

  /** Render a card in the Teams-like frame and measure it. */
  async render(card: object, options: RenderOptions = {}): Promise<RenderReport> {
    const args = { card, hostConfig: TEAMS_LIGHT_HOST_CONFIG, expand: options.expandShowCards ?? false };
    return (await this.page.evaluate(`window.renderCard(${JSON.stringify(args)})`)) as RenderReport;
  }

  /** Render a card and save a PNG of its frame (what a seller sees in the chat). */
  async screenshot(card: object, path: string, options: RenderOptions = {}): Promise<RenderReport> {
    const report = await this.render(card, options);
    await this.page.locator('#stage').screenshot({ path, animations: 'disabled' });
    return report;
  }

  async close(): Promise<void> {
    try {
      await this.context.close();
    } finally {
      rmSync(this.userDataDir, { recursive: true, force: true });
    }
  }
}
