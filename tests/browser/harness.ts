/**
 * Browser harness: the real bundle served by `npm run local -- serve` (scripts/serve.ts) on a
 * free port, and Debian's Chromium driven by playwright-core on a phone's screen. One browser per
 * test file (launching it is the slow part); a fresh context, as a fresh phone, per page.
 */
import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import type { WorkbookModel } from '../../runtime/model';
import { type Serving, startServer } from '../../scripts/serve';
import { encodeLink, type LinkClaims } from '../../src/core/webapp/token';
import { bundle } from '../e2e/harness';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Chromium as CI runs it: headless, no sandbox (containers), nothing fetched from the network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A phone: iPhone 12-14 sized (390×844 CSS pixels), touch, mobile viewport rules. */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;

/**
 * Whether the browser tests run: on a machine without Chromium they are skipped, except where
 * DUBAN_BROWSER_TESTS=required (CI sets it in .ci/run, after installing Chromium), so that a
 * missing browser fails CI instead of passing it silently.
 */
export function haveChromium(): boolean {
  return process.env.DUBAN_BROWSER_TESTS === 'required' || existsSync(CHROMIUM);
}

export async function launchBrowser(): Promise<Browser> {
  // A fresh profile every launch: launch() makes a new temporary user-data-dir itself (and refuses one given as an argument).
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface Served extends Serving {
  out: string;
  /** A token signed with the server's secret, as links.ts signs them (for expired or changed links). */
  token(claims: Partial<LinkClaims> & Pick<LinkClaims, 'subject'>): string;
}

export async function serve(model: WorkbookModel, now: Date): Promise<Served> {
  const out = mkdtempSync(join(tmpdir(), 'duban-serve-'));
  const serving = await startServer({
    workbook: 'browser.xlsx',
    model,
    code: await bundle(),
    now,
    out,
    port: 0,
    timeZone: 'Asia/Shanghai',
  });
  const secret = serving.runtime.properties.script.get('duban.webapp.secret')!;
  const sign = (p: string) => createHmac('sha256', secret).update(p).digest('base64url');
  return {
    ...serving,
    out,
    token: (claims) => encodeLink({ role: 'unit', generation: 0, expires: now.getTime() + 86_400_000, ...claims }, sign),
  };
}

/** A new phone opening the URL. */
export async function openOnPhone(browser: Browser, url: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...PHONE, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(url);
  return { context, page };
}
