/**
 * The local runner: runs a job of the real bundle on an .xlsx workbook at a given moment,
 * as the time trigger would, and writes what came of it.
 *
 *   npm run local -- <job> --workbook <file.xlsx> --now <ISO date-time> --out <dir> [--tz <zone>]
 *
 * Writes <dir>/<same file name>.xlsx, <dir>/outbox/*.eml and <dir>/run.json; `preview` writes
 * <dir>/preview/*.eml and <dir>/run.json, and no workbook (it changes nothing). Bad arguments
 * (missing or unreadable workbook, bad date, unknown job) print one line and exit 2 with
 * nothing written; a job that ran but reported failure exits 1, with its outputs written.
 * `--help` prints the usage.
 */
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import { writeEml } from '../runtime/eml';
import { LocalRuntime } from '../runtime/index';
import type { SentMail, WorkbookModel } from '../runtime/model';
import { exportXlsx, importXlsx, WorkbookFormatError } from '../runtime/xlsx';
import type { MailKind } from '../src/core/notices/mail-kind';
import { currentBundle } from './build';
import { loadScriptProperties, SCRIPT_PROPERTIES_SUFFIX, saveScriptProperties } from './script-properties';
import { type Serving, startServer } from './serve';

/** The jobs the runner knows; a job whose issue has not landed yet fails with a clear message. */
export const JOBS = ['setup', 'sweep', 'preview', 'publish'] as const;

/** The jobs that change nothing: the runner does not write the workbook back for them. */
export const READ_ONLY_JOBS: readonly string[] = ['preview'];

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** How many of a job's warnings the terminal shows; run.json always has them all. */
export const WARNINGS_SHOWN = 20;

/** Bad arguments: one line on stderr, exit 2, nothing written. */
export class UsageError extends Error {}

export interface LocalOptions {
  job: string;
  workbook: string;
  now: Date;
  out: string;
  timeZone: string;
  /** publish only: the month (YYYY-MM) or the quarter (YYYY-Qn); default, the month before --now. */
  month?: string;
  quarter?: string;
  /** sweep/preview: the web app's URL, so notices can carry links (ScriptApp.getService().getUrl()). */
  webappUrl?: string;
  /** serve only: the port (0: any free one). */
  port?: number;
}

export interface RunReport {
  job: string;
  workbook: string;
  now: string;
  timeZone: string;
  ok: boolean;
  message: string;
  counts: Record<string, number>;
  warnings: string[];
  mails: MailReport[];
  /** `publish` only: the sheet it wrote (the month's report, or the quarter's review). */
  sheet?: string;
  /** `publish` of a month only: its 红榜 and 黑榜, each unit with its 上榜理由. */
  lists?: { red: { unit: string; reason: string }[]; black: { unit: string; reason: string }[] };
  /** `publish` of a month only: its 问题清单 sheet, the 附件 of the report. */
  attachment?: string;
  /** `preview` only: what today's sweep would send, one .eml each under outputs.preview. */
  preview?: PreviewReport[];
  serviceCalls: ServiceCalls;
  logs: string[];
  elapsedMs: number;
  outputs: Outputs;
}

/**
 * A mail the job sent, with its kind (notice, reminder, summary, report, alert, …: src/core/notices/mail-kind.ts);
 * a notice digest also carries its notice numbers and highest level (the admin's summary has none).
 */
export interface MailReport {
  file: string;
  /** As the job recorded it; absent only for a mail the job did not record. */
  kind?: MailKind;
  to: string;
  cc?: string;
  subject: string;
  numbers?: string[];
  level?: string;
  /** A notice's 整改限期 (ISO date): the day the unit must have rectified and reported by. */
  replyBy?: string;
}

export interface PreviewReport {
  file: string;
  kind: MailKind;
  to: string;
  cc?: string;
  subject: string;
  numbers: string[];
  level: string;
}

export interface Outputs {
  /** The workbook written; null for a job that changes nothing (`preview`), see workbookNote. */
  workbook: string | null;
  workbookNote?: string;
  outbox: string;
  runJson: string;
  /** `preview` only: the folder of the .eml files it would send. */
  preview?: string;
}

export interface ServiceCalls {
  total: number;
  byMethod: Record<string, number>;
}

const USAGE =
  'usage: npm run local -- <setup|sweep|preview|publish|serve> --workbook <file.xlsx> --now <ISO date-time> --out <dir> [--tz <zone>] [--month YYYY-MM | --quarter YYYY-Qn] [--webapp-url <url>] [--port N] (--help for more)';

export const HELP = `Runs one Duban job of the real bundle (dist/Code.js) on an .xlsx workbook, as the daily
time trigger would, and writes what came of it.

usage: npm run local -- <job> --workbook <file.xlsx> --now <ISO date-time> --out <dir> [--tz <zone>]

jobs:
  setup     create what is missing (设置, 责任单位, 节假日, the script's columns, colours,
            drop-downs) and repair what is broken; never touches existing rows
  sweep     the daily job: every task's state, days overdue, notes and colours, and the
            台账问题 sheet; then the day's reminders and notices (整改通知, 通报批评, 约谈) to
            the units in 责任单位, logged in 督办记录, and the admin's summary
  preview   what today's sweep would send (预览今日督办), written as .eml files; sends
            nothing and changes nothing, so no workbook is written
  publish   the monthly report (一月一公示): scores, ranking, 红榜/黑榜, named units,
            sanctions and a chart on a sheet named for the month, 排名历史 updated,
            each unit's people told their line; --month YYYY-MM (default: the month
            before --now) or --quarter YYYY-Qn for the quarter's review

options:
  --workbook <file.xlsx>   the ledger to run on (read, never changed)
  --now <date-time>        when the job runs, e.g. 2026-11-25T09:00 or 2026-11-25T09:00+08:00
  --out <dir>              where to write the results (created if missing)
  --tz <zone>              the spreadsheet's time zone: --now without an offset and the
                           workbook's date cells are read in it (default ${DEFAULT_TIME_ZONE})
  --month <YYYY-MM>        publish: the month to publish (default: the month before --now)
  --quarter <YYYY-Qn>      publish: the quarter's review instead, from 排名历史
  --webapp-url <url>       sweep, preview: the web app's URL (ScriptApp.getService().getUrl()),
                           so notices carry each unit's link
  --port <N>               serve: the port (default 8080; 0 picks a free one)
  -h, --help               show this and exit

serve:
  npm run local -- serve --workbook <file.xlsx> --now <ISO> --out <dir> [--port N]
            the web app at http://127.0.0.1:N/exec (doGet, doPost, google.script.run), with
            every unit's and inspector's link printed; after each accepted submission the
            workbook is written to <dir>, mails to <dir>/outbox, photos under <dir>/drive.
            The clock starts at --now and runs on with real time. Ctrl-C stops it.

writes:
  <dir>/<same file name>.xlsx   the workbook with what the job changed (not for preview)
  <dir>/<same file name>.xlsx${SCRIPT_PROPERTIES_SUFFIX}
                                the bound script's properties (the web app's secret, the links'
                                generations), as Google keeps them with the script: read from
                                beside --workbook, so a link a sweep mailed opens in a later serve
  <dir>/outbox/*.eml            every mail the job sent (the folder is emptied first)
  <dir>/preview/*.eml           preview only: each mail today's sweep would send (emptied first)
  <dir>/run.json                ok, message, counts, warnings, mails (to, cc, subject, and for a
                                notice its numbers and level), preview, serviceCalls, logs;
                                publish: sheet, and lists (红榜/黑榜, each unit with its reason)

exit codes:
  0   the job ran and reported success
  1   the job ran and reported failure (the line printed says why; outputs are written)
  2   bad arguments or an unreadable workbook (one line on stderr; nothing written)
`;

/** `-h` or `--help` anywhere: the person wants the usage, not a run. */
export function wantsHelp(argv: string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

export function parseArgs(argv: string[]): LocalOptions {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
      const value = inline ?? argv[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value. ${USAGE}`);
      flags.set(name, value);
    } else positional.push(a);
  }
  for (const name of flags.keys()) {
    if (!['workbook', 'now', 'out', 'tz', 'month', 'quarter', 'webapp-url', 'port'].includes(name))
      throw new UsageError(`unknown option --${name}. ${USAGE}`);
  }
  const job = positional[0];
  if (!job) throw new UsageError(`no job given. ${USAGE}`);
  if (!(JOBS as readonly string[]).includes(job) && job !== 'serve')
    throw new UsageError(`unknown job "${job}": the jobs are ${JOBS.join(', ')}`);
  const workbook = flags.get('workbook');
  if (!workbook) throw new UsageError(`--workbook is required. ${USAGE}`);
  if (!existsSync(workbook) || !statSync(workbook).isFile()) throw new UsageError(`workbook not found: ${workbook}`);
  const timeZone = parseTimeZone(flags.get('tz'));
  const nowText = flags.get('now');
  if (!nowText) throw new UsageError(`--now is required (e.g. 2026-11-25T09:00). ${USAGE}`);
  const parsed = DateTime.fromISO(nowText, { zone: timeZone, setZone: true });
  if (!parsed.isValid) throw new UsageError(`--now "${nowText}" is not an ISO date-time (e.g. 2026-11-25T09:00 or 2026-11-25T09:00+08:00)`);
  const out = flags.get('out');
  if (!out) throw new UsageError(`--out is required. ${USAGE}`);
  if (existsSync(out) && !statSync(out).isDirectory()) throw new UsageError(`--out ${out} is a file, not a folder`);
  const month = flags.get('month');
  const quarter = flags.get('quarter');
  if ((month !== undefined || quarter !== undefined) && job !== 'publish')
    throw new UsageError(`--month and --quarter are for publish only`);
  if (month !== undefined && quarter !== undefined) throw new UsageError('give --month or --quarter, not both');
  if (month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new UsageError(`--month "${month}" is not a month like 2026-11`);
  if (quarter !== undefined && !/^\d{4}-Q[1-4]$/i.test(quarter))
    throw new UsageError(`--quarter "${quarter}" is not a quarter like 2026-Q4`);
  const webappUrl = flags.get('webapp-url');
  if (webappUrl !== undefined && !['sweep', 'preview'].includes(job)) throw new UsageError('--webapp-url is for sweep and preview');
  if (webappUrl !== undefined && !/^https?:\/\/\S+$/.test(webappUrl))
    throw new UsageError(`--webapp-url "${webappUrl}" is not an http(s) URL`);
  const portText = flags.get('port');
  if (portText !== undefined && job !== 'serve') throw new UsageError('--port is for serve only');
  const port = portText === undefined ? 8080 : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port "${portText}" is not a port number`);
  return {
    job,
    workbook: resolve(workbook),
    ...(webappUrl !== undefined ? { webappUrl } : {}),
    ...(job === 'serve' ? { port } : {}),
    now: parsed.toJSDate(),
    out: resolve(out),
    timeZone,
    ...(month !== undefined ? { month } : {}),
    ...(quarter !== undefined ? { quarter: quarter.toUpperCase() } : {}),
  };
}

/** A --tz value (or the default), checked: an unknown zone is a usage error. */
export function parseTimeZone(text: string | undefined): string {
  const timeZone = text ?? DEFAULT_TIME_ZONE;
  if (!DateTime.local().setZone(timeZone).isValid) throw new UsageError(`unknown time zone "${timeZone}"`);
  return timeZone;
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message || err.name : String(err);
  return text.split('\n')[0]!.trim();
}

/**
 * Every failure to read the file (not a zip, a zip that is not an .xlsx, a damaged part, no
 * permission) becomes the same one sentence: the person needs to know the file is the problem,
 * not which library noticed.
 */
export async function loadWorkbook(file: string, timeZone: string): Promise<WorkbookModel> {
  try {
    return await importXlsx(file, { timeZone });
  } catch (err) {
    // The import says what the file is instead, and what to do (save it as .xlsx): that is the reason to give.
    const reason = err instanceof WorkbookFormatError ? err.reason : firstLine(err);
    throw new UsageError(`${file}: not a readable .xlsx workbook (${reason})`);
  }
}

/** What the job says it sent (src/gas/result.ts SentRecord): a notice's numbers and level are known only here. */
interface SentRecord {
  kind: MailKind;
  to: string;
  subject: string;
  numbers?: string[];
  level?: string;
  replyBy?: string;
}

/** A mail the preview composed (src/gas/result.ts JobResult.preview). */
interface PreviewMail {
  kind: MailKind;
  to: string;
  /** The unit's head and leader, copied on the mail its contact gets. */
  cc?: string;
  subject: string;
  body: string;
  htmlBody: string;
  numbers: string[];
  level: string;
  /** The sender name, when the job gives it. */
  name?: string;
  /** Where answers go (设置 → 联系邮箱), when the job gives it. */
  replyTo?: string;
}

interface JobValue {
  ok?: boolean;
  message?: string;
  counts?: Record<string, number>;
  warnings?: string[];
  mails?: SentRecord[];
  preview?: PreviewMail[];
  sheet?: string;
  lists?: RunReport['lists'];
  attachment?: string;
}

/** One execution of a job: what it returned, and what it cost and sent (this execution only). */
export interface JobRun {
  value: JobValue;
  logs: string[];
  elapsedMs: number;
  serviceCalls: ServiceCalls;
  mails: SentMail[];
}

function callsSince(before: Record<string, number>, after: Record<string, number>): ServiceCalls {
  const byMethod: Record<string, number> = {};
  let total = 0;
  for (const [method, n] of Object.entries(after)) {
    const d = n - (before[method] ?? 0);
    if (d > 0) {
      byMethod[method] = d;
      total += d;
    }
  }
  return { total, byMethod };
}

/**
 * Runs one job on a workbook already in memory. The runtime keeps counting calls and collecting
 * mail across executions, so what this run made is measured from before it to after it.
 */
export function runJobOn(runtime: LocalRuntime, job: string, request: { month?: string; quarter?: string } = {}): JobRun {
  if (!runtime.globalFunctionNames().includes(job)) {
    throw new UsageError(
      `the job "${job}" is not in this build of Duban yet (the bundle has: ${runtime.globalFunctionNames().join(', ')})`,
    );
  }
  const callsBefore = runtime.calls.byMethod();
  const mailsBefore = runtime.outbox.length;
  const logsBefore = runtime.logs.length;
  const started = performance.now();
  // A time-driven trigger passes an event object; the job then shows no toast.
  const event = { authMode: 'FULL', triggerUid: `local-${job}`, ...request };
  let value: JobValue;
  try {
    value = runtime.run<JobValue | undefined>(job, [event], 'installable').value ?? {};
  } catch (err) {
    // The execution itself died (time limit, an error the job did not catch): in Apps Script
    // what it wrote so far stays, so the outputs are still written, as a failure.
    value = { ok: false, message: `the execution stopped: ${firstLine(err)}` };
  }
  return {
    value,
    logs: runtime.logs.slice(logsBefore),
    elapsedMs: performance.now() - started,
    serviceCalls: callsSince(callsBefore, runtime.calls.byMethod()),
    mails: runtime.outbox.slice(mailsBefore),
  };
}

/** A recipient list as the runtime's outbox keeps it ("a@x.org, b@y.org"), to compare the job's record with it. */
function addressList(list: string): string {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .join(', ')
    .toLowerCase();
}

/**
 * Each mail sent, with the kind, notice numbers and level of the job's own record of it. A record is
 * matched by recipient and subject, in sending order, each used once: the outbox knows what went
 * out, only the job knows which notices were in it.
 */
export function annotateMails(sent: SentMail[], records: readonly SentRecord[], files: string[]): MailReport[] {
  const unused = [...records];
  return sent.map((mail, i) => {
    const at = unused.findIndex((r) => r.subject === mail.subject && addressList(r.to) === addressList(mail.to));
    const record = at < 0 ? undefined : unused.splice(at, 1)[0]!;
    const report: MailReport = {
      file: files[i]!,
      ...(record ? { kind: record.kind } : {}),
      to: mail.to,
      cc: mail.cc,
      subject: mail.subject,
    };
    if (!record) return report;
    if (record.numbers !== undefined) report.numbers = record.numbers;
    if (record.level !== undefined) report.level = record.level;
    if (record.replyBy !== undefined) report.replyBy = record.replyBy;
    return report;
  });
}

/** Empties (or creates) one of the runner's own mail folders. */
function freshFolder(dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The preview's mails as .eml files, sent (were they sent) by the script's account at --now. */
async function writePreview(
  runtime: LocalRuntime,
  opts: LocalOptions,
  mails: readonly PreviewMail[],
  dir: string,
): Promise<PreviewReport[]> {
  const reports: PreviewReport[] = [];
  for (let i = 0; i < mails.length; i++) {
    const m = mails[i]!;
    const mail: SentMail = { to: m.to, from: runtime.userEmail, subject: m.subject, body: m.body, htmlBody: m.htmlBody, sentAt: opts.now };
    if (m.name) mail.name = m.name;
    if (m.replyTo) mail.replyTo = m.replyTo;
    if (m.cc) mail.cc = m.cc;
    const file = await writeEml(mail, dir, i + 1);
    reports.push({ file, kind: m.kind, to: m.to, ...(m.cc ? { cc: m.cc } : {}), subject: m.subject, numbers: m.numbers, level: m.level });
  }
  return reports;
}

export async function writeOutputs(runtime: LocalRuntime, opts: LocalOptions, ran: JobRun): Promise<RunReport> {
  mkdirSync(opts.out, { recursive: true });
  const outbox = freshFolder(join(opts.out, 'outbox'));
  const readOnly = READ_ONLY_JOBS.includes(opts.job);
  let workbookOut: string | null = null;
  if (!readOnly) {
    workbookOut = join(opts.out, basename(opts.workbook));
    // Document properties (Duban's durable counters) go with the file, as Google keeps them with the spreadsheet.
    if (runtime.properties.document.size > 0) runtime.workbook.documentProperties = Object.fromEntries(runtime.properties.document);
    await exportXlsx(runtime.workbook, workbookOut);
    // The bound script's properties (the web app's secret, the links' generations) beside it, for the next run.
    saveScriptProperties(runtime.properties.script, workbookOut);
  }
  const files: string[] = [];
  for (let i = 0; i < ran.mails.length; i++) files.push(await writeEml(ran.mails[i]!, outbox, i + 1));
  const mails = annotateMails(ran.mails, ran.value.mails ?? [], files);
  const runJson = join(opts.out, 'run.json');
  const outputs: Outputs = { workbook: workbookOut, outbox, runJson };
  let preview: PreviewReport[] | undefined;
  if (readOnly) {
    outputs.workbookNote = `not written: ${opts.job} changes nothing, so the workbook is ${opts.workbook} as it was`;
    outputs.preview = freshFolder(join(opts.out, 'preview'));
    preview = await writePreview(runtime, opts, ran.value.preview ?? [], outputs.preview);
  }
  const report: RunReport = {
    job: opts.job,
    workbook: opts.workbook,
    now: opts.now.toISOString(),
    timeZone: opts.timeZone,
    ok: ran.value.ok !== false,
    message: ran.value.message ?? '',
    counts: ran.value.counts ?? {},
    warnings: ran.value.warnings ?? [],
    mails,
    ...(ran.value.sheet ? { sheet: ran.value.sheet } : {}),
    ...(ran.value.lists ? { lists: ran.value.lists } : {}),
    ...(ran.value.attachment ? { attachment: ran.value.attachment } : {}),
    ...(preview ? { preview } : {}),
    serviceCalls: ran.serviceCalls,
    logs: ran.logs,
    elapsedMs: Math.round(ran.elapsedMs),
    outputs,
  };
  writeFileSync(runJson, `${JSON.stringify(report, null, 2)}\n`, 'utf8');
  return report;
}

let bundled: Promise<string> | undefined;

/** The bundle, built once per process (the demo runs many jobs); the tests' own build when they run us. */
export function bundleCode(): Promise<string> {
  bundled ??= currentBundle();
  return bundled;
}

/** The script's properties an earlier run kept beside the workbook; a damaged file stops the run (exit 2). */
function keptProperties(store: Map<string, string>, workbook: string): void {
  try {
    loadScriptProperties(store, workbook);
  } catch (err) {
    throw new UsageError(firstLine(err));
  }
}

export async function runLocal(opts: LocalOptions): Promise<RunReport> {
  const workbook = await loadWorkbook(opts.workbook, opts.timeZone);
  const runtime = new LocalRuntime({
    workbook,
    now: opts.now,
    scriptTimeZone: DEFAULT_TIME_ZONE,
    driveDir: join(opts.out, 'drive'),
    ...(opts.webappUrl ? { webappUrl: opts.webappUrl } : {}),
  });
  keptProperties(runtime.properties.script, opts.workbook);
  runtime.load(await bundleCode(), 'Code.js');
  const ran = runJobOn(runtime, opts.job, {
    ...(opts.month ? { month: opts.month } : {}),
    ...(opts.quarter ? { quarter: opts.quarter } : {}),
  });
  return writeOutputs(runtime, opts, ran);
}

/** What a person reads after a run: the result in one line, the warnings (capped), where the files are. */
export function describeReport(report: RunReport, shown = WARNINGS_SHOWN): string[] {
  const message = report.message || '(the job gave no message; see the logs in run.json)';
  const lines = [`${report.ok ? 'ok' : 'failed'}: ${report.job} — ${message}`];
  for (const w of report.warnings.slice(0, shown)) lines.push(`  ! ${w}`);
  if (report.warnings.length > shown) lines.push(`  … and ${report.warnings.length - shown} more, see run.json`);
  lines.push(`  workbook: ${report.outputs.workbook ?? report.outputs.workbookNote}`);
  lines.push(`  outbox:   ${report.outputs.outbox} (${report.mails.length} mails)`);
  if (report.outputs.preview)
    lines.push(`  preview:  ${report.outputs.preview} (${report.preview?.length ?? 0} mails today's sweep would send)`);
  lines.push(`  run.json: ${report.outputs.runJson} (${report.serviceCalls.total} service calls, ${report.warnings.length} warnings)`);
  return lines;
}

/** serve's web app on 127.0.0.1, on the workbook and the script properties an earlier run kept beside it. */
export async function openServe(opts: LocalOptions): Promise<Serving> {
  const model = await loadWorkbook(opts.workbook, opts.timeZone);
  const scriptProperties = new Map<string, string>();
  keptProperties(scriptProperties, opts.workbook);
  return startServer({
    ...opts,
    model,
    scriptProperties: Object.fromEntries(scriptProperties),
    code: await bundleCode(),
    port: opts.port ?? 8080,
  });
}

/** serve: the web app on 127.0.0.1 until the process is stopped (Ctrl-C). */
async function serve(opts: LocalOptions): Promise<number> {
  const serving = await openServe(opts);
  console.log(`serving the web app at ${serving.url} (workbook, outbox and drive written to ${opts.out})`);
  for (const link of serving.links) console.log(`  ${link.role === 'unit' ? '单位' : '督查员'} ${link.name}: ${link.url}`);
  if (!serving.links.some((l) => l.role === 'inspector')) console.log('  (no 督查员 sheet with an enabled inspector: no inspector links)');
  console.log(`  script properties (the links' secret): ${serving.propertiesFile}`);
  await new Promise(() => {});
  return 0;
}

async function main(argv: string[]): Promise<number> {
  if (wantsHelp(argv)) {
    process.stdout.write(HELP);
    return 0;
  }
  if (argv.length === 0) {
    process.stderr.write(HELP);
    return 2;
  }
  try {
    const opts = parseArgs(argv);
    if (opts.job === 'serve') return serve(opts);
    const report = await runLocal(opts);
    for (const line of describeReport(report)) console.log(line);
    return report.ok ? 0 : 1;
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`duban local: ${err.message}`);
    return 2;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
