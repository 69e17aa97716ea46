/**
 * Issue 16, "Safe for links without a Google login", verified through the real bundle on the
 * local runtime, one promise per test: a submission that fails says plainly what failed, that
 * nothing was recorded and what to do (never a stack trace), and the admin learns the detail; the
 * secret is in script properties and in no cell of any sheet; a unit's link answers only for the
 * matters it leads; formula-looking text stays text.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { htmlOutputOf, LocalRuntime, textOutputOf } from '../../runtime/index';
import { encodeLink, type LinkClaims } from '../../src/core/webapp/token';
import { bundle, col, job, runtimeFor, setSetting, shDate, sheet, sheetFrom, value, workbookOf } from './harness';

const NOW = new Date(Date.UTC(2026, 10, 25, 1, 0));
const DAY = 86_400_000;
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]).toString('base64');

function office() {
  const tasks = sheetFrom('任务台账', [
    ['序号', '问题描述', '点位', '责任单位', '配合单位', '整改时限', '整改状态'],
    [1, '背街小巷垃圾堆积', '人民路', '市城管局', '市交通局', shDate(2026, 11, 30), '整改中'],
    [2, '公交站牌破损<script>alert(1)</script>', '解放路', '市交通局', '', shDate(2026, 11, 30), '整改中'],
  ]);
  const units = sheetFrom('责任单位', [
    ['单位名称', '联系人', '联系人邮箱'],
    ['市城管局', '张伟', 'cgj@example.org'],
    ['市交通局', '李明', 'jtj@example.org'],
  ]);
  const inspectors = sheetFrom('督查员', [
    ['姓名', '邮箱', '启用'],
    ['王督查', 'wang@example.org', '是'],
  ]);
  return workbookOf([tasks, units, inspectors]);
}

function tokenFor(rt: LocalRuntime, claims: Partial<LinkClaims>): string {
  const secret = rt.properties.script.get('duban.webapp.secret')!;
  const sign = (p: string) => createHmac('sha256', secret).update(p).digest('base64url');
  return encodeLink({ role: 'unit', subject: '市城管局', generation: 0, expires: NOW.getTime() + 30 * DAY, ...claims }, sign);
}

/** Set up and swept (the ledger keyed); the keys of its two rows. With `drive`, photos are kept under a folder of the run. */
async function ready(drive?: string): Promise<{ rt: LocalRuntime; keys: string[] }> {
  let rt: LocalRuntime;
  if (drive) {
    rt = new LocalRuntime({ workbook: office(), now: NOW, scriptTimeZone: 'Asia/Shanghai', driveDir: drive });
    rt.load(await bundle(), 'Code.js');
  } else rt = await runtimeFor(office(), NOW);
  job(rt, 'setup');
  setSetting(rt, '管理员邮箱', 'admin@example.org');
  setSetting(rt, '联系人', '刘主任');
  setSetting(rt, '联系电话', '0571-88888888');
  job(rt, 'sweep');
  const s = sheet(rt, '任务台账');
  const key = col(s, 1, '系统编号');
  return { rt, keys: [2, 3].map((r) => String(value(s, r, key))) };
}

const form = (key: string, extra: Record<string, unknown> = {}) => ({
  key,
  measures: '已清运垃圾',
  doneDate: '2026-11-25',
  person: '张伟',
  photosAfter: [{ name: 'a.jpg', mimeType: 'image/jpeg', base64: JPEG }],
  ...extra,
});

type Answer = { ok: boolean; message: string; receipt?: string };

function viaRun(rt: LocalRuntime, token: string, f: unknown): Answer {
  return rt.run('webappSubmitReply', [token, f]).value as Answer;
}

function viaPost(rt: LocalRuntime, body: string): Answer {
  return JSON.parse(textOutputOf(rt.run('doPost', [{ postData: { contents: body } }]).value)!.content) as Answer;
}

/** Every cell of every sheet, as text. */
function everyCell(rt: LocalRuntime): string {
  return JSON.stringify(rt.workbook.sheets.map((s) => s.rows));
}

describe('a submission that fails', () => {
  it('says what failed, that nothing was recorded and what to do, through google.script.run and doPost; the admin gets the detail once', async () => {
    const { rt, keys } = await ready();
    const before = everyCell(rt);
    const mailed = rt.outbox.length;
    const token = tokenFor(rt, {});
    // This runtime has no Drive: storing the photos fails as Drive refusing would.
    const said =
      '提交未成功：照片未能存入督查办的云端硬盘。本次报送没有登记，请稍后重新提交；如仍不成功，请与督查办联系：刘主任，0571-88888888';
    expect(viaRun(rt, token, form(keys[0]!))).toEqual({ ok: false, message: said });
    expect(viaPost(rt, JSON.stringify({ call: 'reply', token, form: form(keys[0]!) }))).toEqual({ ok: false, message: said });
    expect(everyCell(rt)).toBe(before);
    const admin = rt.outbox.slice(mailed);
    expect(admin.map((m) => [m.to, m.subject])).toEqual([['admin@example.org', '【督办台账】网上报送未成功：市城管局']]);
    expect(admin[0]!.body).toContain('no Drive folder');
    expect(rt.logs.some((l) => l.includes('webappSubmitReply') && l.includes('no Drive folder'))).toBe(true);
  });

  it('doPost says a body it cannot read is not understood, and nothing else is', async () => {
    const { rt } = await ready();
    expect(viaPost(rt, '{not json')).toEqual({ ok: false, message: '提交的内容无法识别，请刷新页面后重试。' });
    expect(viaPost(rt, JSON.stringify({ call: 'nope' }))).toEqual({ ok: false, message: '提交的内容无法识别，请刷新页面后重试。' });
  });
});

/** Every file kept in the run's Drive folder, by name. */
function driveFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => d.name)
    .sort();
}

describe('links without a Google login', () => {
  it('keeps the secret in script properties only: no cell of any sheet holds it after setup, a reply and an order', async () => {
    const { rt, keys } = await ready(mkdtempSync(join(tmpdir(), 'duban-safety-')));
    const secret = rt.properties.script.get('duban.webapp.secret')!;
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(viaRun(rt, tokenFor(rt, {}), form(keys[0]!)).ok).toBe(true);
    const order = { unit: '市交通局', description: '井盖缺失', place: '中山路', deadlineText: '3个工作日内', photos: [] };
    const inspector = tokenFor(rt, { role: 'inspector', subject: 'wang@example.org' });
    expect((rt.run('webappSubmitOrder', [inspector, order]).value as Answer).ok).toBe(true);
    expect(rt.workbook.sheets.length).toBeGreaterThan(3);
    expect(everyCell(rt)).not.toContain(secret);
    expect(everyCell(rt)).not.toContain(secret.slice(0, 16));
  });

  it('shows a unit only the matters it leads, and its link cannot answer for another unit’s matter nor one it only supports (配合单位)', async () => {
    const { rt, keys } = await ready(mkdtempSync(join(tmpdir(), 'duban-safety-')));
    const page = htmlOutputOf(rt.run('doGet', [{ parameter: { t: tokenFor(rt, {}) } }]).value)!.content;
    expect(page).toContain('背街小巷垃圾堆积');
    expect(page).not.toContain('公交站牌破损');
    const before = everyCell(rt);
    expect(viaRun(rt, tokenFor(rt, {}), form(keys[1]!))).toEqual({
      ok: false,
      message: `任务${keys[1]}不是市城管局牵头的事项，本单位不能报送（配合单位的情况请报牵头单位汇总）`,
    });
    expect(viaRun(rt, tokenFor(rt, { subject: '市交通局' }), form(keys[0]!))).toEqual({
      ok: false,
      message: `任务${keys[0]}不是市交通局牵头的事项，本单位不能报送（配合单位的情况请报牵头单位汇总）`,
    });
    expect(everyCell(rt)).toBe(before);
  });

  it('shows a unit’s page text escaped: a <script> in the ledger is text on the page', async () => {
    const { rt } = await ready();
    const page = htmlOutputOf(rt.run('doGet', [{ parameter: { t: tokenFor(rt, { subject: '市交通局' }) } }]).value)!.content;
    expect(page).toContain('公交站牌破损&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('<script>alert(1)');
  });

  it('keeps what a unit typed as text: a formula stays text in 整改反馈, and the 回执 mail’s HTML part escapes it', async () => {
    const { rt, keys } = await ready(mkdtempSync(join(tmpdir(), 'duban-safety-')));
    const typed = { measures: '=HYPERLINK("http://evil.example") <script>alert(1)</script>', person: '+张伟' };
    const mailed = rt.outbox.length;
    expect(viaRun(rt, tokenFor(rt, {}), form(keys[0]!, typed)).ok).toBe(true);
    const fb = sheet(rt, '整改反馈');
    const cell = (h: string) => fb.rows[1]![col(fb, 1, h) - 1]!;
    expect(cell('整改措施')).toMatchObject({ value: typed.measures });
    expect(cell('整改措施').formula).toBeUndefined();
    expect(cell('责任人')).toMatchObject({ value: '+张伟' });
    expect(cell('责任人').formula).toBeUndefined();
    const receipt = rt.outbox.slice(mailed).find((m) => m.to === 'cgj@example.org')!;
    expect(receipt.body).toContain(typed.measures);
    expect(receipt.htmlBody).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(receipt.htmlBody).not.toContain('<script>');
  });

  it('keeps a photo only as its bytes say: an SVG with a script refused; a JPEG header followed by HTML kept as a .jpg, never as a page', async () => {
    const drive = mkdtempSync(join(tmpdir(), 'duban-safety-'));
    const { rt, keys } = await ready(drive);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>').toString('base64');
    const before = everyCell(rt);
    expect(
      viaRun(rt, tokenFor(rt, {}), form(keys[0]!, { photosAfter: [{ name: 'x.svg', mimeType: 'image/svg+xml', base64: svg }] })),
    ).toEqual({
      ok: false,
      message: '照片“x.svg”不是 JPEG 或 PNG 图片，未收下。请拍照或从相册选择照片。',
    });
    expect(everyCell(rt)).toBe(before);
    expect(driveFiles(drive)).toEqual([]);
    const polyglot = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('<html><script>alert(1)</script></html>')]);
    const photo = { name: 'x.html', mimeType: 'text/html', base64: polyglot.toString('base64') };
    expect(viaRun(rt, tokenFor(rt, {}), form(keys[0]!, { photosAfter: [photo] })).ok).toBe(true);
    expect(driveFiles(drive)).toEqual([`${keys[0]}_整改后_2026-11-25_1.jpg`]);
  });

  it('waits for a sweep that holds the document lock, then says to try again, writing nothing', async () => {
    const { rt, keys } = await ready(mkdtempSync(join(tmpdir(), 'duban-safety-')));
    const before = everyCell(rt);
    const release = rt.holdLock('document');
    const started = rt.clock.nowMs();
    expect(viaRun(rt, tokenFor(rt, {}), form(keys[0]!))).toEqual({ ok: false, message: '系统正忙，请稍后再提交' });
    expect(rt.clock.nowMs() - started).toBeGreaterThanOrEqual(20_000);
    expect(everyCell(rt)).toBe(before);
    release();
    expect(viaRun(rt, tokenFor(rt, {}), form(keys[0]!)).ok).toBe(true);
  });
});
