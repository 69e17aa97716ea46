/**
 * npm run demo: the first thing a newcomer runs. Sets up the sample ledger that ships with the
 * project, fills in 管理员邮箱 as the office does after setup, then runs the daily sweep day after
 * day, each day on the workbook the day before wrote, exactly as `npm run local -- sweep` would,
 * with people's edits between the days (a task closed, one sent back, one reopened, one
 * submitted), publishes November on 1 December as the monthly trigger would, and goes on until
 * the ladder has reached 约谈 on a task and the office has approved it: the sweep proposes the 约谈
 * in 约谈安排, the office fills in 审批 同意, the time, place and convener the next day (as a person
 * would), and that day's sweep sends the 约谈通知. Weekends included. Tells the story day by day,
 * and at the end what to open.
 *
 *   npm run demo [-- --out <dir>]     (default out/demo)
 *
 * <dir>/setup/                     what setup wrote (workbook, outbox, run.json)
 * <dir>/setup/filled-in/           that workbook with 管理员邮箱 filled in: the first day's input
 * <dir>/preview-YYYY-MM-DD/        the first day's 预览今日督办: preview/*.eml, run.json (no workbook)
 * <dir>/day-YYYY-MM-DD/            each day's sweep (workbook, outbox, run.json); edited/ the day's input
 *                                  after people's edits; publish/ on 1 December, the month's report
 * <dir>/run.json, <dir>/<sample>.xlsx, <dir>/outbox/   copies of the last day's
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import { exportXlsx } from '../runtime/xlsx';
import { type MessageKey, translator } from '../src/core/i18n';
import type { MailKind } from '../src/core/notices/mail-kind';
import { DEMO_WEBAPP_URL, inspectorOrders, ORDER, REPLY, unitReplies } from './demo-web';
import { DEFAULT_TIME_ZONE, describeReport, type LocalOptions, loadWorkbook, type RunReport, runLocal, UsageError } from './local';
import { readScriptProperties, saveScriptProperties, scriptPropertiesFile } from './script-properties';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SAMPLE = join(root, 'samples', '创城台账示例.xlsx');
/** The sample's "today": its deadlines are spread around this day. */
export const SAMPLE_NOW = '2026-11-25T09:00:00';
/** The office's admin, who gets the daily summary (设置 → 管理员邮箱). */
export const ADMIN_EMAIL = 'duban@ccb.example.org';
/** The ladder reaches 约谈 in about three weeks with the default settings; past this the demo gives up and says so. */
const MAX_DAYS = 42;

const t = translator('zh-CN');

/**
 * A workbook a person saved from another keeps the bound script's properties (the web app's
 * secret, so the links already mailed still open): locally they sit beside the file
 * (scripts/script-properties.ts), so they go with it.
 */
function carryProperties(from: string, to: string): void {
  if (existsSync(scriptPropertiesFile(from))) copyFileSync(scriptPropertiesFile(from), scriptPropertiesFile(to));
}

function outDir(argv: string[]): string {
  if (argv.length === 0) return join(root, 'out', 'demo');
  if (argv.length === 2 && argv[0] === '--out') return resolve(argv[1]!);
  throw new UsageError('usage: npm run demo [-- --out <dir>]');
}

/** Removes what an earlier demo wrote in `out` (and nothing else: --out may be a folder with other things in it). */
function clearEarlierDemo(out: string): void {
  if (!existsSync(out)) return;
  for (const name of readdirSync(out)) {
    if (
      name === 'setup' ||
      name === 'outbox' ||
      name === 'run.json' ||
      name === basename(SAMPLE) ||
      /^(day|preview)-\d{4}-\d{2}-\d{2}$/.test(name)
    ) {
      rmSync(join(out, name), { recursive: true, force: true });
    }
  }
}

/** The demo city's office, as it fills in 设置: the sender and 落款 of its mails, its contact, its 机关代字. */
const OFFICE: [MessageKey, string][] = [
  ['setting.issuingOffice', 'XX市创建全国文明城市工作指挥部办公室'],
  ['setting.contactPerson', '李明'],
  ['setting.contactPhone', '0571-87001234'],
  ['setting.contactEmail', 'cwb@demo.gov.cn'],
  ['setting.officeCode', 'X创城督'],
  // Who is copied on every 约谈通知 besides the unit's 分管领导.
  ['setting.interviewCc', '市委督查室 <dcs@demo.gov.cn>'],
];

/**
 * What the office does once setup has run: types its admin's address into 设置 → 管理员邮箱 and
 * the office its mails come from (setup leaves them blank). Done on the workbook as a person
 * would, the result written apart so that setup/ keeps exactly what setup wrote.
 */
async function fillInAdmin(setupWorkbook: string, dir: string, timeZone: string): Promise<string> {
  const wb = await loadWorkbook(setupWorkbook, timeZone);
  const settings = wb.sheets.find((s) => s.name === t('sheet.settings'));
  // What an office types into 设置 after setup: the admin, and the office its mails come from (a 公文's sender, contact, 代字).
  const fillIns: [MessageKey, string][] = [['setting.adminEmail', ADMIN_EMAIL], ...OFFICE];
  for (const [label, value] of fillIns) {
    const row = settings?.rows.find((r) => r[0]?.value === t(label));
    if (!row?.[1]) throw new Error(`setup wrote no ${t(label)} row in 《${t('sheet.settings')}》`);
    row[1].value = value;
  }
  mkdirSync(dir, { recursive: true });
  const file = join(dir, basename(setupWorkbook));
  await exportXlsx(wb, file);
  carryProperties(setupWorkbook, file);
  fixSecret(file);
  return file;
}

/**
 * What people do in the ledger between the days, as the story goes: a task closed, one sent back,
 * one reopened (a unit's reply through the web app and an inspector's order: scripts/demo-web.ts).
 */
const EDITS: { day: string; task: string; status: string; done?: boolean; story: string }[] = [
  { day: '2026-11-26', task: '城北农贸市场周边占道经营', status: '已销号', done: true, story: '创城办验收城北农贸市场占道经营，销号' },
  { day: '2026-11-27', task: '黑臭水体治理台账资料与实地情况不符', status: '退回', story: '黑臭水体台账资料验收不合格，退回重改' },
  { day: '2026-11-30', task: '火车站、汽车站公共厕所保洁不到位', status: '整改中', story: '火车站公厕问题反弹，重新打开' },
  { day: '2026-12-02', task: '中小学校门口上下学时段交通拥堵', status: '已销号', done: true, story: '校门口交通拥堵整改到位，销号' },
];

/** Applies the day's edits to the workbook, as people type them into the ledger, and writes the result apart. */
async function editsOf(day: DateTime, workbook: string, dir: string, timeZone: string): Promise<{ workbook: string; stories: string[] }> {
  const today = EDITS.filter((e) => e.day === day.toISODate());
  if (today.length === 0) return { workbook, stories: [] };
  const wb = await loadWorkbook(workbook, timeZone);
  const sheet = wb.sheets.find((x) => x.name === t('sheet.tasks'))!;
  const header = sheet.rows.findIndex((r) => r?.some((c) => c?.value === '问题描述'));
  const col = (name: string): number => sheet.rows[header]!.findIndex((c) => String(c?.value ?? '').replace(/\s/g, '') === name);
  const [task, status, done] = [col('问题描述'), col('整改状态'), col('完成日期')];
  for (const e of today) {
    const row = sheet.rows.find((r) => String(r?.[task]?.value ?? '').startsWith(e.task));
    if (!row) throw new Error(`the sample has no task "${e.task}"`);
    row[status] = { ...row[status], value: e.status };
    if (e.done) row[done] = { value: day.startOf('day').toJSDate(), format: { numberFormat: 'yyyy-mm-dd' } };
  }
  mkdirSync(dir, { recursive: true });
  const file = join(dir, basename(workbook));
  await exportXlsx(wb, file);
  carryProperties(workbook, file);
  return { workbook: file, stories: today.map((e) => e.story) };
}

/** What the office types into 约谈安排 to approve a 约谈: 审批, and the time (a week on, 09:30), place and convener. */
const APPROVAL: [MessageKey, (day: DateTime) => string][] = [
  ['ivcol.time', (day) => `${day.plus({ days: 7 }).toISODate()} 09:30`],
  ['ivcol.place', () => '市政府3号会议室'],
  ['ivcol.convener', () => '市创城办主任'],
  ['ivcol.approval', () => t('ivapproval.agree')],
];

/**
 * The office approves each 约谈 awaiting 审批 in 约谈安排 (a day after it was proposed), as a person
 * fills in the row; the day's next sweep sends the 约谈通知. Only the person's cells are typed in.
 */
async function approveInterviews(
  day: DateTime,
  workbook: string,
  dir: string,
  timeZone: string,
): Promise<{ workbook: string; stories: string[] }> {
  const wb = await loadWorkbook(workbook, timeZone);
  const sheet = wb.sheets.find((x) => x.name === t('sheet.interviews'));
  const header = sheet?.rows[0] ?? [];
  const col = (key: MessageKey): number => header.findIndex((c) => c?.value === t(key));
  const waiting = (sheet?.rows ?? []).slice(1).filter((r) => r?.[col('ivcol.status')]?.value === t('ivstatus.awaiting'));
  if (waiting.length === 0) return { workbook, stories: [] };
  for (const row of waiting) for (const [key, value] of APPROVAL) row[col(key)] = { value: value(day), format: { numberFormat: '@' } };
  mkdirSync(dir, { recursive: true });
  const file = join(dir, basename(workbook));
  await exportXlsx(wb, file);
  carryProperties(workbook, file);
  const units = waiting.map((r) => String(r[col('ivcol.unit')]?.value ?? '')).join('、');
  return { workbook: file, stories: [`创城办在《${t('sheet.interviews')}》中同意约谈${units}，填写约谈时间、地点和约谈人`] };
}

/**
 * The web app that morning, before the 09:00 sweep: an inspector files a problem on site at 08:40
 * (当场下单), or a unit answers one matter from its notice's link at 08:30 (全程跟进). Written to
 * the day's edited/ folder with the photos (edited/drive); the mails those requests sent (the 整改通知（当场下单）, the 回执) are in 督办记录 and the day's story.
 */
async function webOf(
  day: DateTime,
  workbook: string,
  dir: string,
  timeZone: string,
  noticeEmls: readonly string[],
): Promise<{ workbook: string; stories: string[] }> {
  if (day.toISODate() === ORDER.day) return inspectorOrders(day.set({ hour: 8, minute: 40 }), workbook, dir, timeZone);
  if (day.toISODate() === REPLY.day) return unitReplies(day.set({ hour: 8, minute: 30 }), workbook, dir, timeZone, noticeEmls);
  return { workbook, stories: [] };
}

/**
 * The demo's links are signed with a fixed secret so that its mails are the same every run (the
 * fingerprint): a real office's is random, made by setup and kept in the script's properties.
 */
function fixSecret(workbook: string): void {
  const properties = readScriptProperties(workbook);
  const store = new Map(Object.entries({ ...properties, 'duban.webapp.secret': 'demo-secret-not-for-real-use' }));
  saveScriptProperties(store, workbook);
}

/** The first working day of a month, as the monthly trigger (publishIfDue) sees it: 1 December 2026 is a Tuesday. */
const PUBLISH_ON = '2026-12-01';

/** How the day's line names each kind of mail, most serious first. */
const KIND_WORDS: [MailKind, string][] = [
  ['interview', '约谈通知'],
  ['circular', '通报'],
  ['return', '退回通知'],
  ['notice', '整改通知'],
  ['reminder', '临期提醒'],
  ['report', '月度通报'],
  ['summary', "admin's summary"],
  ['alert', 'alert'],
];

/** "8 mails: 通报 1, 整改通知 4, 临期提醒 2, admin's summary 1". */
export function mailsLine(report: RunReport): string {
  if (report.mails.length === 0) return 'no mail';
  const count = (kind: MailKind): number => report.mails.filter((m) => (m.kind ?? 'summary') === kind).length;
  const parts = KIND_WORDS.filter(([kind]) => count(kind) > 0).map(([kind, word]) => `${word} ${count(kind)}`);
  return `${report.mails.length} mail${report.mails.length === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

/**
 * The day's rungs of the ladder, as the story tells them: the first 整改通知, the notices found not
 * met, the first 催办, each 通报 to all units, each 约谈 proposed (nothing sent), each 约谈通知.
 * `told` keeps what was said once already.
 */
export function ladderStory(report: RunReport, told: Set<string>): string[] {
  const out: string[] = [];
  const once = (key: string, line: string): void => {
    if (told.has(key)) return;
    told.add(key);
    out.push(line);
  };
  const notices = report.mails.filter((m) => m.kind === 'notice');
  if (notices.length > 0)
    once('first', `整改通知: one numbered 公文 per unit (${notices[0]!.numbers?.[0] ?? ''} …), each with its 整改限期`);
  const failures = report.counts.failures ?? 0;
  if (failures > 0) out.push(`未达到整改要求 ×${failures}: 整改限期 passed, task neither 待验收 nor 已销号 (logged in 督办记录)`);
  const urged = notices.filter((m) => m.level === t('level.urge'));
  if (urged.length > 0) once('urge', `催办: the second 整改通知 (${urged[0]!.numbers?.[0] ?? ''}), citing the first's 文号 and 限期`);
  for (const m of report.mails.filter((x) => x.kind === 'circular')) {
    const recipients = m.to.split(',').length;
    out.push(`${m.subject.replace(/^【[^】]+】/, '')}: to all ${recipients} member units`);
  }
  const proposed = report.counts.interviewsProposed ?? 0;
  if (proposed > 0)
    out.push(`约谈: ${proposed} unit(s) failed three notices; proposed in 《约谈安排》 for the office to approve — nothing sent to them`);
  for (const m of report.mails.filter((x) => x.kind === 'interview'))
    out.push(`约谈通知 ${m.numbers?.[0] ?? ''} to ${m.to}${m.cc ? `, Cc ${m.cc}` : ''}`);
  return out;
}

async function main(argv: string[]): Promise<number> {
  const out = outDir(argv);
  const timeZone = DEFAULT_TIME_ZONE;
  const start = DateTime.fromISO(SAMPLE_NOW, { zone: timeZone });
  const job = (name: string, workbook: string, dir: string, at: DateTime): LocalOptions => ({
    job: name,
    workbook,
    now: at.toJSDate(),
    out: dir,
    timeZone,
    // The web app deployed (as `npm run local -- serve --port 8080` serves it): every 整改通知 and 退回通知 carries the unit's link.
    ...(name === 'sweep' || name === 'preview' ? { webappUrl: DEMO_WEBAPP_URL } : {}),
  });
  clearEarlierDemo(out);

  const setup = await runLocal(job('setup', SAMPLE, join(out, 'setup'), start));
  for (const line of describeReport(setup)) console.log(line);
  if (!setup.ok) return 1;
  let workbook = await fillInAdmin(setup.outputs.workbook!, join(out, 'setup', 'filled-in'), timeZone);
  console.log(`  ${t('sheet.settings')} → ${t('setting.adminEmail')} filled in (${ADMIN_EMAIL}): ${workbook}`);
  // What the menu's 预览今日督办 shows before the first sweep: the mails it will send, nothing sent or changed.
  const preview = await runLocal(job('preview', workbook, join(out, `preview-${start.toISODate()}`), start));
  if (!preview.ok) {
    for (const line of describeReport(preview)) console.log(line);
    return 1;
  }
  console.log(
    `  预览今日督办 before the first sweep: ${preview.preview?.length ?? 0} digests, as the sweep then sends them (the admin's summary apart): ${preview.outputs.preview}`,
  );
  console.log('');
  console.log('The daily sweep, day by day, each on the workbook the day before wrote:');

  const interviewWord = t('level.interview');
  const interviewMails: string[] = [];
  const told = new Set<string>();
  // Every 整改通知 and 退回通知 sent so far: the unit answers from the link in one of them.
  const noticeEmls: string[] = [];
  let last: RunReport | undefined;
  let published: RunReport | undefined;
  const began = performance.now();
  for (let i = 0; i < MAX_DAYS && (interviewMails.length === 0 || !published); i++) {
    const day = start.plus({ days: i });
    const dir = join(out, `day-${day.toISODate()}`);
    const t0 = performance.now();
    const edited = await editsOf(day, workbook, join(dir, 'edited'), timeZone);
    const approved = await approveInterviews(day, edited.workbook, join(dir, 'edited'), timeZone);
    const web = await webOf(day, approved.workbook, join(dir, 'edited'), timeZone, noticeEmls);
    for (const story of [...edited.stories, ...approved.stories, ...web.stories]) console.log(`  ${day.toISODate()}  · ${story}`);
    workbook = web.workbook;
    last = await runLocal(job('sweep', workbook, dir, day));
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    const overdue = last.counts.overdue ?? 0;
    console.log(`  ${day.toISODate()} ${day.toFormat('ccc')}  ${overdue} overdue  ${mailsLine(last)}  (${seconds} s)`);
    if (!last.ok) {
      for (const line of describeReport(last)) console.log(line);
      return 1;
    }
    for (const line of ladderStory(last, told)) console.log(`  ${day.toISODate()}  ▶ ${line}`);
    // The 约谈通知: sent only once the office approved the 约谈 in 约谈安排.
    interviewMails.push(...last.mails.filter((m) => m.kind === 'interview').map((m) => m.file));
    noticeEmls.push(...last.mails.filter((m) => m.kind === 'notice' || m.kind === 'return').map((m) => m.file));
    workbook = last.outputs.workbook!;
    if (day.toISODate() === PUBLISH_ON) {
      // The first working day of the month: the month before is published (一月一公示).
      published = await runLocal(job('publish', workbook, join(dir, 'publish'), day.plus({ hours: 1 })));
      console.log(`  ${day.toISODate()}  ▶ ${published.message}  ${published.mails.length} mails to the units`);
      if (!published.ok) return 1;
      workbook = published.outputs.workbook!;
    }
  }
  const days = Math.round((performance.now() - began) / 100) / 10;
  if (!last) return 1;
  // Other tools and the README rely on these paths: the last day's results.
  cpSync(last.outputs.runJson, join(out, 'run.json'));
  cpSync(last.outputs.workbook!, join(out, basename(SAMPLE)));
  cpSync(last.outputs.outbox, join(out, 'outbox'), { recursive: true });
  console.log(`  (${days} s for the sweeps)`);
  console.log('');
  if (interviewMails.length === 0) {
    console.log(`No ${interviewWord} after ${MAX_DAYS} days: the ladder did not climb as the settings say. See ${last.outputs.runJson}`);
    return 1;
  }
  console.log('What to open:');
  console.log(`  the last day's ledger: ${join(out, basename(SAMPLE))} (Excel, WPS or LibreOffice):`);
  console.log(`    sheet 《${t('sheet.log')}》: every notice and reminder, its number, level, recipient and outcome;`);
  console.log(`    sheet 《${t('sheet.tasks')}》: the columns ${t('col.noticeCount')} / ${t('col.lastNotice')} / ${t('col.level')}`);
  console.log(`    sheet 《${t('sheet.interviews')}》: the 约谈 proposed, approved by the office, its 约谈通知文号 and 状态;`);
  console.log(
    `    sheet 《${t('sheet.feedback')}》: 市城管局's reply from the web app (整改措施, photo link), where a verifier types 通过 or 退回;`,
  );
  console.log(
    `    sheet 《${t('sheet.inspectors')}》 and the ledger's last row: 督查员${ORDER.inspector.name} and the problem he filed on site (备注 现场交办);`,
  );
  console.log(
    `  the photos: ${join(out, `day-${ORDER.day}`, 'edited', 'drive')} and ${join(out, `day-${REPLY.day}`, 'edited', 'drive')} (try the pages yourself: README, "The web app's links")`,
  );
  console.log(`  the 约谈通知: ${interviewMails[0]}`);
  if (published) {
    console.log(
      `  the month's report: sheet 《${published.sheet}》 in ${join(out, basename(SAMPLE))} (also 《${t('sheet.history')}》, 《${t('sheet.rules')}》);`,
    );
    console.log(`    as published on ${PUBLISH_ON}: ${published.outputs.workbook}; its mails: ${published.outputs.outbox}`);
  }
  const summary = last.mails.find((m) => m.level === undefined && m.to === ADMIN_EMAIL);
  if (summary) console.log(`  that day's admin's summary: ${summary.file}`);
  console.log(`  each day's outbox and run.json: ${join(out, 'day-YYYY-MM-DD')}/`);
  console.log(`What setup did:      ${setup.outputs.runJson}`);
  console.log(`What the last sweep did:  ${join(out, 'run.json')}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`duban demo: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = err instanceof UsageError ? 2 : 1;
  },
);
