/**
 * The demo's web app between the days (issue 16): a unit answers one matter from the link in its
 * 整改通知, and an inspector files one problem on site (当场下单). Both go through the bundle's own
 * server functions in the local runtime, `webappSubmitReply` and `webappSubmitOrder`, exactly as
 * the phone's page calls them through google.script.run (scripts/serve.ts): with a real token (the
 * unit's from its mailed notice, the inspector's as `serve` prints it), a small photo, and the
 * document lock, 整改反馈, the ledger and the one delivery path doing the rest. Nothing is typed
 * into the sheet by the demo except what an office types (the 督查员 row).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { DateTime } from 'luxon';
import { simpleParser } from 'mailparser';
import { LocalRuntime } from '../runtime/index';
import type { WorkbookModel } from '../runtime/model';
import { exportXlsx } from '../runtime/xlsx';
import { translator } from '../src/core/i18n';
import { bundleCode, DEFAULT_TIME_ZONE, loadWorkbook } from './local';
import { loadScriptProperties, saveScriptProperties } from './script-properties';
import { servedDriveUrl, servedLinks } from './serve';

const t = translator('zh-CN');

/** Where the demo's web app would be served (`npm run local -- serve --port 8080`): the notices' links point there. */
export const DEMO_WEBAPP_URL = 'http://127.0.0.1:8080/exec';

/** A 1×1 PNG: the photo a phone hands over (the real page shrinks it to a JPEG first; the server takes either). */
const PHOTO = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** The unit's reply through the page: which matter, on which day, what it says. */
export const REPLY = {
  day: '2026-12-08',
  unit: '市城管局',
  task: '人民路背街小巷',
  measures: '已组织环卫人员清运垃圾并设置分类收集点，落实每日巡查保洁',
  person: '张伟',
} as const;

/** The inspector and the problem filed on site; the office lists the inspector in 督查员 that morning. */
export const ORDER = {
  day: '2026-12-03',
  inspector: { name: '王某', email: 'wangmou@demo.gov.cn' },
  unit: '市市场监管局',
  description: '新华路夜市摊点油烟直排、餐余垃圾未及时清运',
  place: '新华路与中山路交叉口',
  deadlineText: '3个工作日内',
} as const;

interface ServerAnswer {
  ok: boolean;
  receipt?: string;
  message: string;
}

/** The day's workbook in a runtime, with the script's properties kept beside it (the links' secret). */
async function runtimeOn(workbook: string, at: DateTime, dir: string, timeZone: string): Promise<LocalRuntime> {
  const rt = new LocalRuntime({
    workbook: await loadWorkbook(workbook, timeZone),
    now: at.toJSDate(),
    scriptTimeZone: DEFAULT_TIME_ZONE,
    driveDir: join(dir, 'drive'),
    // The photos' links as `serve` would give them: the same on every run, wherever the demo writes.
    driveUrl: servedDriveUrl(() => DEMO_WEBAPP_URL.replace(/\/exec$/, '')),
    webappUrl: DEMO_WEBAPP_URL,
  });
  loadScriptProperties(rt.properties.script, workbook);
  rt.load(await bundleCode(), 'Code.js');
  return rt;
}

/**
 * What the submission changed, written as every run writes: the workbook and its properties. Its
 * mails (the 回执, the 整改通知（当场下单）) are in 督办记录 and told in the day's story; they are
 * not written as .eml here, where no run.json would list them.
 */
async function keep(rt: LocalRuntime, workbook: string, dir: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, basename(workbook));
  if (rt.properties.document.size > 0) rt.workbook.documentProperties = Object.fromEntries(rt.properties.document);
  await exportXlsx(rt.workbook, file);
  saveScriptProperties(rt.properties.script, file);
  return file;
}

/** The link in the unit's latest notice about the matter (a parsed .eml, as the unit's mail client shows it). */
async function linkFromNotices(emls: readonly string[], task: string): Promise<string> {
  for (const file of [...emls].reverse()) {
    const text = (await simpleParser(readFileSync(file))).text ?? '';
    const link = /在线报送整改情况：(\S+)/.exec(text)?.[1];
    if (link && text.includes(task)) return link;
  }
  throw new Error(`no notice about "${task}" carries a link to the web app`);
}

/** The matter's key as the unit's page gives it to the form (data-key of the section showing the task). */
function keyOnPage(rt: LocalRuntime, token: string, task: string): string {
  const page = rt.run<{ getContent(): string }>('doGet', [{ parameter: { t: token }, parameters: { t: [token] } }]).value;
  const section = page
    .getContent()
    .split('<section class="matter"')
    .find((s) => s.includes(task));
  const key = section && /data-key="([^"]+)"/.exec(section)?.[1];
  if (!key) throw new Error(`the unit's page shows no open matter "${task}"`);
  return key;
}

/** The unit answers one matter from its notice's link, with a photo after the fix; returns the day's story line. */
export async function unitReplies(
  at: DateTime,
  workbook: string,
  dir: string,
  timeZone: string,
  noticeEmls: readonly string[],
): Promise<{ workbook: string; stories: string[] }> {
  const rt = await runtimeOn(workbook, at, dir, timeZone);
  const token = new URL(await linkFromNotices(noticeEmls, REPLY.task)).searchParams.get('t')!;
  const form = {
    key: keyOnPage(rt, token, REPLY.task),
    measures: REPLY.measures,
    doneDate: at.minus({ days: 1 }).toISODate(),
    person: REPLY.person,
    photosAfter: [{ name: 'after.png', mimeType: 'image/png', base64: PHOTO }],
    photosBefore: [],
  };
  const answer = rt.run<ServerAnswer>('webappSubmitReply', [token, form], 'manual').value;
  if (!answer.ok) throw new Error(`the unit's reply was refused: ${answer.message}`);
  return {
    workbook: await keep(rt, workbook, dir),
    stories: [`${REPLY.unit}在手机上报送${REPLY.task}整改情况（回执 ${answer.receipt}），待验收`],
  };
}

/** The office lists its inspector in 督查员 (姓名, 邮箱, 启用), as it types a row; a sheet of its own when setup made none. */
function listInspector(model: WorkbookModel): void {
  const name = t('sheet.inspectors');
  const row = [ORDER.inspector.name, ORDER.inspector.email, '是'].map((value) => ({ value }));
  const sheet = model.sheets.find((s) => s.name === name);
  if (sheet) {
    // Typed into the first empty row under the header, as a person would (setup formats the rows below it).
    const at = sheet.rows.findIndex((r, i) => i > 0 && (r ?? []).every((c) => c == null || c.value == null || c.value === ''));
    const index = at < 0 ? sheet.rows.length : at;
    const formats = sheet.rows[index] ?? [];
    sheet.rows[index] = row.map((cell, c) => ({ ...formats[c], ...cell }));
    return;
  }
  const header = [t('inspcol.name'), t('inspcol.email'), t('inspcol.enabled')].map((value) => ({ value }));
  model.sheets.push({
    name,
    sheetId: Math.max(0, ...model.sheets.map((s) => s.sheetId)) + 1,
    rows: [header, row],
    maxRows: 1000,
    maxColumns: 26,
    frozenRows: 1,
    frozenColumns: 0,
    merges: [],
    conditionalFormats: [],
    protections: [],
    columnWidths: {},
  });
}

/**
 * The office lists 督查员王某 that morning; on site he files one problem from his phone: the row is
 * appended to the ledger and the unit's 整改通知（当场下单） goes out in the same request.
 */
export async function inspectorOrders(
  at: DateTime,
  workbook: string,
  dir: string,
  timeZone: string,
): Promise<{ workbook: string; stories: string[] }> {
  const rt = await runtimeOn(workbook, at, dir, timeZone);
  listInspector(rt.workbook);
  const link = servedLinks(rt, DEMO_WEBAPP_URL.replace(/\/exec$/, ''), at.toMillis()).find((l) => l.role === 'inspector');
  if (!link) throw new Error(`《${t('sheet.inspectors')}》 lists no enabled inspector`);
  const token = new URL(link.url).searchParams.get('t')!;
  const form = {
    unit: ORDER.unit,
    description: ORDER.description,
    place: ORDER.place,
    deadlineText: ORDER.deadlineText,
    photos: [{ name: 'site.png', mimeType: 'image/png', base64: PHOTO }],
  };
  const sentBefore = rt.outbox.length;
  const answer = rt.run<ServerAnswer>('webappSubmitOrder', [token, form], 'manual').value;
  if (!answer.ok) throw new Error(`the inspector's order was refused: ${answer.message}`);
  const notice = rt.outbox.slice(sentBefore).find((m) => m.subject.includes('当场下单'));
  if (!notice) throw new Error("the inspector's order sent no 整改通知（当场下单）");
  return {
    workbook: await keep(rt, workbook, dir),
    stories: [
      `创城办在《${t('sheet.inspectors')}》中登记督查员${ORDER.inspector.name}（启用）`,
      `督查员${ORDER.inspector.name}现场交办${ORDER.unit}「${ORDER.description}」（${ORDER.place}，${ORDER.deadlineText}），整改通知（当场下单）当即发出：${notice.subject}`,
    ],
  };
}
