/**
 * The local runner's contract (other tools rely on it): the command, its outputs, run.json's
 * shape, one-line errors with exit code 2 and nothing written; and what it tells the person at
 * the terminal: the result, the warnings, why a job failed, the usage.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalRuntime, type SentMail } from '../../runtime/index';
import { exportXlsx, importXlsx } from '../../runtime/xlsx';
import { annotateMails, runJobOn } from '../../scripts/local';
import { makeZip } from '../runtime/zip-writer';
import { bundle, runtimeFor, shDate, sheetFrom, workbookOf } from './harness';

const root = resolve(__dirname, '../..');
const SAMPLE = join(root, 'samples', '创城台账示例.xlsx');

function local(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/local.ts'), ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function readRun(dir: string): { ok: boolean; message: string; warnings: string[] } & Record<string, unknown> {
  return JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
}

describe('npm run local', () => {
  it('runs setup then sweep on the sample and writes the workbook, outbox and run.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-'));
    const a = local('setup', '--workbook', SAMPLE, '--now', '2026-11-25T09:00', '--out', join(dir, 'a'));
    expect(a.stderr).toBe('');
    expect(a.status).toBe(0);
    const setupWorkbook = join(dir, 'a', '创城台账示例.xlsx');
    expect(existsSync(setupWorkbook)).toBe(true);
    const b = local('sweep', '--workbook', setupWorkbook, '--now', '2026-11-25T09:00+08:00', '--out', join(dir, 'b'));
    expect(b.status).toBe(0);
    const run = readRun(join(dir, 'b'));
    expect(run).toMatchObject({ job: 'sweep', ok: true, now: '2026-11-25T01:00:00.000Z' });
    const calls = run.serviceCalls as { total: number; byMethod: Record<string, number> };
    expect(calls.total).toBeGreaterThan(0);
    expect(calls.byMethod['Range.getValues']).toBeGreaterThan(0);
    expect((run.counts as Record<string, number>).tasks).toBeGreaterThan(20);
    expect(existsSync(join(dir, 'b', 'outbox'))).toBe(true);
    // The exported workbook carries the states and the colour rules.
    const model = await importXlsx(join(dir, 'b', '创城台账示例.xlsx'));
    const tasks = model.sheets.find((s) => s.name === '任务台账')!;
    const texts = tasks.rows.flatMap((r) => r.map((c) => c?.value));
    expect(texts).toContain('逾期');
    expect(tasks.conditionalFormats.length).toBeGreaterThan(0);

    // The terminal: the result in one line, then each warning, located, then where the files are.
    const lines = b.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`ok: sweep — ${run.message}`);
    expect(lines.slice(1, 1 + run.warnings.length)).toEqual(run.warnings.map((w) => `  ! ${w}`));
    expect(b.stdout).toContain('  ! 《任务台账》F28 (整改时限): 无法识别的整改时限“尽快”');
    expect(lines.at(-1)).toContain(join(dir, 'b', 'run.json'));
  });

  it('shows the first 20 warnings and says how many more are in run.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-'));
    const rows = Array.from({ length: 30 }, (_, i) => [i + 1, `任务${i + 1}`, '市城管局', `尽快${i + 1}`, '整改中']);
    const file = join(dir, 'many.xlsx');
    await exportXlsx(workbookOf([sheetFrom('任务台账', [['序号', '问题描述', '责任单位', '整改时限', '整改状态'], ...rows])]), file);
    const r = local('sweep', '--workbook', file, '--now', '2026-11-25T09:00', '--out', join(dir, 'out'));
    expect(r.status).toBe(0);
    const run = readRun(join(dir, 'out'));
    expect(run.warnings.length).toBeGreaterThanOrEqual(30);
    const shown = r.stdout.split('\n').filter((l) => l.startsWith('  ! '));
    expect(shown).toEqual(run.warnings.slice(0, 20).map((w) => `  ! ${w}`));
    expect(r.stdout).toContain(`  … and ${run.warnings.length - 20} more, see run.json`);
  });

  it('a setup that cannot read the task sheet header fails, exit 1, and says why (not "nothing to repair")', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-'));
    const file = join(dir, 'noheader.xlsx');
    const tasks = sheetFrom('任务台账', [
      ['名称', '地点', '备注'],
      ['背街小巷垃圾堆积', '人民路', ''],
    ]);
    await exportXlsx(workbookOf([tasks]), file);
    const r = local('setup', '--workbook', file, '--now', '2026-11-25T09:00', '--out', join(dir, 'out'));
    expect(r.status).toBe(1);
    const run = readRun(join(dir, 'out'));
    expect(run.ok).toBe(false);
    expect(run.message).toMatch(/^未能设置《任务台账》（系统列、着色、下拉列表）：在前 15 行中找不到台账的表头行。缺少必需的列：/);
    expect(run.message).toContain('责任单位');
    expect(r.stdout.split('\n')[0]).toBe(`failed: setup — ${run.message}`);
    expect(r.stdout).not.toContain('无需修复');
    // What setup could do, it did, and says so.
    expect(r.stdout).toContain('  ! 已创建表《设置》');
    expect(existsSync(join(dir, 'out', 'noheader.xlsx'))).toBe(true);
  });

  it.each([
    { given: '--help', args: ['--help'] },
    { given: '-h', args: ['-h'] },
    { given: '--help after a job', args: ['sweep', '--workbook', SAMPLE, '--help'] },
  ])('$given prints the usage and exits 0, writing nothing', ({ args }) => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-'));
    const r = local(...args, '--out', join(dir, 'out'));
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('usage: npm run local -- <job> --workbook <file.xlsx> --now <ISO date-time> --out <dir> [--tz <zone>]');
    for (const word of [
      'setup',
      'sweep',
      'preview',
      'publish',
      '--workbook',
      '--now',
      '--out',
      '--tz',
      'run.json',
      'outbox/*.eml',
      'exit codes',
    ]) {
      expect(r.stdout).toContain(word);
    }
    expect(r.stdout).toMatch(/^ {2}2 {3}bad arguments/m);
    expect(r.stdout).toContain('<dir>/preview/*.eml');
    expect(r.stdout).toMatch(/^ {2}preview +what today's sweep would send.*\n.*so no workbook is written$/m);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('no arguments: the usage on stderr, exit 2', () => {
    const r = local();
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('usage: npm run local -- <job>');
    expect(r.stderr).toContain('exit codes');
  });

  it.each([
    ['an unknown job', ['frobnicate', '--workbook', SAMPLE, '--now', '2026-11-25T09:00'], /unknown job "frobnicate"/],
    ['a missing workbook', ['sweep', '--workbook', '/nonexistent/x.xlsx', '--now', '2026-11-25T09:00'], /workbook not found/],
    ['a bad date', ['sweep', '--workbook', SAMPLE, '--now', '2026-13-45'], /--now "2026-13-45" is not an ISO date-time/],
    [
      'a bad zone',
      ['sweep', '--workbook', SAMPLE, '--now', '2026-11-25T09:00', '--tz', 'Mars/Olympus'],
      /unknown time zone "Mars\/Olympus"/,
    ],
    [
      'a month that is not one',
      ['publish', '--workbook', SAMPLE, '--now', '2026-11-25T09:00', '--month', '2026-13'],
      /--month "2026-13" is not a month like 2026-11/,
    ],
    [
      'a quarter that is not one',
      ['publish', '--workbook', SAMPLE, '--now', '2026-11-25T09:00', '--quarter', '2026-Q5'],
      /--quarter "2026-Q5" is not a quarter like 2026-Q4/,
    ],
    [
      'a month for another job',
      ['sweep', '--workbook', SAMPLE, '--now', '2026-11-25T09:00', '--month', '2026-11'],
      /--month and --quarter are for publish only/,
    ],
  ])('%s: one line, exit 2, nothing written', (_name, args, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-'));
    const out = join(dir, 'out');
    const r = local(...args, '--out', out);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    ['a text file', 'this is not a workbook'],
    [
      'a zip that is not an .xlsx (a .docx renamed)',
      makeZip([
        ['[Content_Types].xml', '<?xml version="1.0"?><Types/>'],
        ['word/document.xml', '<document/>'],
      ]),
    ],
    ['an empty file', ''],
  ])('%s: one sentence naming the file, exit 2, nothing written', (_name, content) => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-'));
    const bad = join(dir, 'bad.xlsx');
    writeFileSync(bad, content);
    const r = local('sweep', '--workbook', bad, '--now', '2026-11-25T09:00', '--out', join(dir, 'out'));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(new RegExp(`^duban local: ${bad.replace(/[.\\/]/g, '\\$&')}: not a readable \\.xlsx workbook \\(.+\\)\\n$`));
    expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/); // no stack frame
    expect(readdirSync(dir)).toEqual(['bad.xlsx']);
  });
});

interface MailRun {
  kind?: string;
  to: string;
  subject: string;
  file: string;
  numbers?: string[];
  level?: string;
  replyBy?: string;
}

describe('npm run local -- preview', () => {
  it("writes what the sweep would send as .eml files under preview/, sends nothing, writes no workbook; that day's sweep then sends just those", () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-'));
    expect(local('setup', '--workbook', SAMPLE, '--now', '2026-11-25T09:00', '--out', join(dir, 'setup')).status).toBe(0);
    const workbook = join(dir, 'setup', '创城台账示例.xlsx');
    const bytes = readFileSync(workbook);

    const p = local('preview', '--workbook', workbook, '--now', '2026-11-25T09:00', '--out', join(dir, 'preview'));
    expect(p.stderr).toBe('');
    expect(p.status).toBe(0);
    const run = readRun(join(dir, 'preview'));
    const previews = run.preview as MailRun[];
    expect(run.job).toBe('preview');
    expect(previews.length).toBeGreaterThan(0);
    // Nothing sent, and no workbook written beside run.json: the one given is as it was.
    expect(run.mails).toEqual([]);
    expect(readdirSync(join(dir, 'preview')).sort()).toEqual(['outbox', 'preview', 'run.json']);
    expect(readdirSync(join(dir, 'preview', 'outbox'))).toEqual([]);
    expect(readFileSync(workbook).equals(bytes)).toBe(true);
    expect(run.outputs).toMatchObject({ workbook: null, preview: join(dir, 'preview', 'preview') });
    expect((run.outputs as { workbookNote: string }).workbookNote).toBe(
      `not written: preview changes nothing, so the workbook is ${workbook} as it was`,
    );
    expect(readdirSync(join(dir, 'preview', 'preview')).sort()).toEqual(previews.map((m) => basename(m.file)).sort());
    expect(p.stdout).toContain(`  workbook: not written: preview changes nothing`);
    expect(p.stdout).toContain(`  preview:  ${join(dir, 'preview', 'preview')} (${previews.length} mails today's sweep would send)`);

    // That day's sweep sends the same mails, notice numbers and levels included (no admin's summary: setup leaves 管理员邮箱 blank).
    expect(local('sweep', '--workbook', workbook, '--now', '2026-11-25T09:00', '--out', join(dir, 'sweep')).status).toBe(0);
    const sent = readRun(join(dir, 'sweep')).mails as MailRun[];
    const gist = (m: MailRun) => ({ kind: m.kind, to: m.to, subject: m.subject, numbers: m.numbers, level: m.level });
    expect(sent.map(gist)).toEqual(previews.map(gist));
  });

  it("the sweep's run.json gives each notice its numbers and level: 督办 with 督办〔2026〕N号, a reminder with none", () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-'));
    expect(local('setup', '--workbook', SAMPLE, '--now', '2026-11-25T09:00', '--out', join(dir, 'setup')).status).toBe(0);
    expect(
      local('sweep', '--workbook', join(dir, 'setup', '创城台账示例.xlsx'), '--now', '2026-11-25T09:00', '--out', join(dir, 'sweep'))
        .status,
    ).toBe(0);
    const mails = readRun(join(dir, 'sweep')).mails as MailRun[];
    const notices = mails.filter((m) => m.level === '督办');
    const reminders = mails.filter((m) => m.level === '临期提醒');
    expect(notices.length).toBeGreaterThan(0);
    expect(reminders.length).toBeGreaterThan(0);
    expect(notices.length + reminders.length).toBe(mails.length);
    for (const m of notices) {
      expect(m.subject).toMatch(/^【整改通知】.*（督办〔2026〕[1-9]\d*号）$/);
      // One number per document: the mail's own.
      expect(m.numbers!.length).toBe(1);
      for (const n of m.numbers!) expect(n).toMatch(/^督办〔2026〕[1-9]\d*号$/);
    }
    for (const m of reminders) expect(m.numbers).toEqual([]);
    // Each notice's 整改限期: five working days after Wed 25 Nov, Wed 2 Dec (issue 14); a reminder has none.
    expect(notices.map((m) => m.replyBy)).toEqual(notices.map(() => '2026-12-02'));
    expect(reminders.map((m) => m.replyBy)).toEqual(reminders.map(() => undefined));
    // Each mail's kind, as the sweep composed it: a 督办 digest a notice, a 临期提醒 digest a reminder.
    expect(notices.map((m) => m.kind)).toEqual(notices.map(() => 'notice'));
    expect(reminders.map((m) => m.kind)).toEqual(reminders.map(() => 'reminder'));
    // Each number is one notice: on the first day each goes to one unit's contact only.
    const numbers = notices.flatMap((m) => m.numbers!);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('preview changes nothing in the workbook and calls no method that writes', async () => {
    const rt = new LocalRuntime({
      workbook: await importXlsx(SAMPLE, { timeZone: 'Asia/Shanghai' }),
      now: new Date('2026-11-25T01:00:00Z'),
      scriptTimeZone: 'Asia/Shanghai',
    });
    rt.load(await bundle(), 'Code.js');
    expect(runJobOn(rt, 'setup').value.ok).toBe(true);
    const before = structuredClone(rt.workbook);
    const ran = runJobOn(rt, 'preview');
    expect(ran.value.ok).toBe(true);
    expect((ran.value as { preview?: unknown[] }).preview?.length).toBeGreaterThan(0);
    expect(rt.workbook).toEqual(before);
    expect(ran.mails).toEqual([]);
    const writes = Object.keys(ran.serviceCalls.byMethod).filter((m) =>
      /\.(set|insert|delete|append|clear|add|remove|protect|sort|copy|move|hide|show|merge|send|create(?!DeveloperMetadataFinder))/i.test(
        m,
      ),
    );
    expect(writes).toEqual([]);
  });
});

describe('annotateMails', () => {
  const mail = (to: string, subject: string): SentMail => ({ to, subject, from: 'admin@example.org', body: '', sentAt: new Date(0) });

  it("gives each sent mail the numbers and level of the job's record with its recipients and subject, each record used once", () => {
    const sent = [
      mail('a@x.org', '【约谈】甲'),
      mail('b@x.org', '【约谈】甲'),
      mail('a@x.org, c@x.org', '【督办】乙'),
      mail('admin@x.org', '小结'),
    ];
    const records = [
      { kind: 'notice' as const, to: 'b@x.org', subject: '【约谈】甲', numbers: ['督办〔2026〕2号'], level: '约谈' },
      { kind: 'notice' as const, to: 'a@x.org', subject: '【约谈】甲', numbers: ['督办〔2026〕1号'], level: '约谈' },
      { kind: 'notice' as const, to: 'A@x.org ,c@x.org', subject: '【督办】乙', numbers: ['督办〔2026〕3号'], level: '督办' },
      { kind: 'summary' as const, to: 'admin@x.org', subject: '小结' },
    ];
    expect(annotateMails(sent, records, ['1.eml', '2.eml', '3.eml', '4.eml'])).toEqual([
      { file: '1.eml', kind: 'notice', to: 'a@x.org', cc: undefined, subject: '【约谈】甲', numbers: ['督办〔2026〕1号'], level: '约谈' },
      { file: '2.eml', kind: 'notice', to: 'b@x.org', cc: undefined, subject: '【约谈】甲', numbers: ['督办〔2026〕2号'], level: '约谈' },
      {
        file: '3.eml',
        kind: 'notice',
        to: 'a@x.org, c@x.org',
        cc: undefined,
        subject: '【督办】乙',
        numbers: ['督办〔2026〕3号'],
        level: '督办',
      },
      { file: '4.eml', kind: 'summary', to: 'admin@x.org', cc: undefined, subject: '小结' },
    ]);
  });

  it('the same recipient and subject twice: the records are taken in sending order; a mail the job did not record keeps only what was sent', () => {
    const sent = [mail('a@x.org', '同一主题'), mail('a@x.org', '同一主题'), mail('z@x.org', '未记录')];
    const records = [
      { kind: 'notice' as const, to: 'a@x.org', subject: '同一主题', numbers: ['督办〔2026〕1号'], level: '督办' },
      { kind: 'notice' as const, to: 'a@x.org', subject: '同一主题', numbers: ['督办〔2026〕2号'], level: '通报批评' },
    ];
    const out = annotateMails(sent, records, ['1.eml', '2.eml', '3.eml']);
    expect(out.map((m) => [m.numbers, m.level])).toEqual([
      [['督办〔2026〕1号'], '督办'],
      [['督办〔2026〕2号'], '通报批评'],
      [undefined, undefined],
    ]);
    expect(Object.keys(out[2]!)).toEqual(['file', 'to', 'cc', 'subject']);
  });
});

describe('runJobOn', () => {
  it('reports an execution that dies (the time limit) as a failed job, with the reason', () => {
    const wb = workbookOf([sheetFrom('任务台账', [['序号'], [1]])]);
    const rt = new LocalRuntime({ workbook: wb, now: shDate(2026, 11, 25), limits: { longMs: 50 } });
    rt.load('function sweep() { while (true) {} }', 'Code.js');
    const ran = runJobOn(rt, 'sweep');
    expect(ran.value).toEqual({ ok: false, message: 'the execution stopped: Exceeded maximum execution time' });
    expect(ran.logs.join('\n')).toContain('Exceeded maximum execution time');
  });

  it("records the admin's mail about a sweep that could not run as kind alert, not the day's summary", async () => {
    const tasks = sheetFrom('任务台账', [
      ['序号', '问题描述', '责任单位', '整改时限', '整改状态'],
      [1, '背街小巷垃圾堆积', '市城管局', '2026-11-20', '整改中'],
    ]);
    const rt = await runtimeFor(workbookOf([tasks]), shDate(2026, 11, 25));
    expect(runJobOn(rt, 'setup').value.ok).toBe(true);
    const settings = rt.workbook.sheets.find((s) => s.name === '设置')!;
    const adminRow = settings.rows.findIndex((r) => r[0]?.value === '管理员邮箱');
    rt.spreadsheet.editAsUser('设置', `B${adminRow + 1}`, [['admin@example.org']]);
    // The ledger is gone (deleted by hand): the sweep cannot check it and tells the admin.
    rt.workbook.sheets.splice(
      rt.workbook.sheets.findIndex((s) => s.name === '任务台账'),
      1,
    );
    const ran = runJobOn(rt, 'sweep');
    expect(ran.value.ok).toBe(false);
    const mails = annotateMails(ran.mails, ran.value.mails ?? [], ['1.eml']);
    expect(mails.map((m) => [m.kind, m.to])).toEqual([['alert', 'admin@example.org']]);
    expect(mails[0]!.subject).toContain('台账无法检查');
  });

  it('counts only the calls and mail of its own execution', () => {
    const wb = workbookOf([sheetFrom('任务台账', [['序号'], [1]])]);
    const rt = new LocalRuntime({ workbook: wb, now: shDate(2026, 11, 25) });
    rt.load(
      `function setup() { SpreadsheetApp.getActiveSpreadsheet().getSheets(); MailApp.sendEmail('a@example.org', 'one', 'x'); return { ok: true }; }
       function sweep() { SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getDataRange().getValues(); return { ok: true }; }`,
      'Code.js',
    );
    const first = runJobOn(rt, 'setup');
    const second = runJobOn(rt, 'sweep');
    expect(first.mails.map((m) => m.subject)).toEqual(['one']);
    expect(second.mails).toEqual([]);
    expect(second.serviceCalls.byMethod).toEqual({
      'SpreadsheetApp.getActiveSpreadsheet': 1,
      'Spreadsheet.getSheets': 1,
      'Sheet.getDataRange': 1,
      'Range.getValues': 1,
    });
    expect(second.serviceCalls.total).toBe(4);
  });
});
