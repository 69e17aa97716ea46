/**
 * Browser harness: the real bundle served by `npm run local -- serve` (scripts/serve.ts) on a
 * free port, and Debian's Chromium driven by playwright-core on a phone's screen. One browser per
 * test file (launching it is the slow part); a fresh context, as a fresh phone, per page.
 */
import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { writeEml } from '../../runtime/eml';
import type { SentMail } from '../../runtime/index';
import type { WorkbookModel } from '../../runtime/model';
import { type Serving, startServer } from '../../scripts/serve';
import { encodeLink, type LinkClaims } from '../../src/core/webapp/token';
import { bundle, shDate, sheetFrom, workbookOf } from '../e2e/harness';

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

/** A browser and the office served for one test file: filled before its first test, both closed after its last. */
export interface Session {
  browser: Browser;
  served: Served;
}

/**
 * Call inside a describe: launches the browser and serves the office's workbook (at `now`)
 * before the tests, side by side (launching is the slow part), and closes both after them.
 */
export function browserSession(office: () => WorkbookModel, now: Date): Session {
  const session = {} as Session;
  beforeAll(async () => {
    [session.browser, session.served] = await Promise.all([launchBrowser(), serve(office(), now)]);
  });
  afterAll(async () => {
    await Promise.all([session.browser?.close(), session.served?.close()]);
  });
  return session;
}

/** Every alert or confirm the page shows, dismissed and kept in order (a page that worked asks nothing). */
export function captureDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return dialogs;
}

/** A 1×1 PNG, as a phone's album would hand it over (the page redraws it as a JPEG). */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** The reply link a unit's mail client shows in the mail (在线报送整改情况：<link>, the .eml as written, parsed back). */
export async function linkIn(mail: SentMail): Promise<string> {
  const parsed = await simpleParser(readFileSync(await writeEml(mail, mkdtempSync(join(tmpdir(), 'duban-eml-')), 1)));
  const link = /在线报送整改情况：(\S+)/.exec(parsed.text ?? '')?.[1];
  if (!link) throw new Error(`no link in "${mail.subject}"`);
  return link;
}

/**
 * Two units' matters past their 整改时限 (2026-11-20): 市城管局's, whose description carries markup
 * that must show as text, and 市交通局's; both units in 责任单位 with their contact's address.
 */
export function twoUnitsOffice(): WorkbookModel {
  return workbookOf([
    sheetFrom('任务台账', [
      ['序号', '问题描述', '点位', '责任单位', '整改时限', '整改状态'],
      [1, '背街小巷垃圾堆积 <b>未清</b>', '人民路', '市城管局', shDate(2026, 11, 20), '整改中'],
      [2, '共享单车乱停放', '解放路', '市交通局', shDate(2026, 11, 20), '整改中'],
    ]),
    sheetFrom('责任单位', [
      ['单位名称', '联系人', '联系人邮箱'],
      ['市城管局', '张伟', 'cgj@example.org'],
      ['市交通局', '李明', 'jtj@example.org'],
    ]),
  ]);
}
