/**
 * The local runner: runs a job of the real bundle on an .xlsx workbook at a given moment,
 * as the time trigger would, and writes what came of it.
 *
 *   npm run local -- <job> --workbook <file.xlsx> --now <ISO date-time> --out <dir>
 *
 * Writes <dir>/<same file name>.xlsx, <dir>/outbox/*.eml and <dir>/run.json. Bad arguments
 * (missing or unreadable workbook, bad date, unknown job) print one line and exit 2 with
 * nothing written; a job that ran but reported failure exits 1, with its outputs written.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import { LocalRuntime } from '../runtime/index';
import { writeEml } from '../runtime/eml';
import { exportXlsx, importXlsx } from '../runtime/xlsx';
import type { WorkbookModel } from '../runtime/model';
import { buildBundle } from './build';

/** The jobs the runner knows; a job whose issue has not landed yet fails with a clear message. */
export const JOBS = ['setup', 'sweep', 'publish'] as const;

export class UsageError extends Error {}

export interface LocalOptions {
  job: string;
  workbook: string;
  now: Date;
  out: string;
  timeZone: string;
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
  mails: { file: string; to: string; cc?: string; subject: string }[];
  serviceCalls: { total: number; byMethod: Record<string, number> };
  logs: string[];
  elapsedMs: number;
  outputs: { workbook: string; outbox: string; runJson: string };
}

const USAGE = 'usage: npm run local -- <setup|sweep|publish> --workbook <file.xlsx> --now <ISO date-time> --out <dir> [--tz <zone>]';

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
    if (!['workbook', 'now', 'out', 'tz'].includes(name)) throw new UsageError(`unknown option --${name}. ${USAGE}`);
  }
  const job = positional[0];
  if (!job) throw new UsageError(`no job given. ${USAGE}`);
  if (!(JOBS as readonly string[]).includes(job)) throw new UsageError(`unknown job "${job}": the jobs are ${JOBS.join(', ')}`);
  const workbook = flags.get('workbook');
  if (!workbook) throw new UsageError(`--workbook is required. ${USAGE}`);
  if (!existsSync(workbook) || !statSync(workbook).isFile()) throw new UsageError(`workbook not found: ${workbook}`);
  const timeZone = flags.get('tz') ?? 'Asia/Shanghai';
  if (!DateTime.local().setZone(timeZone).isValid) throw new UsageError(`unknown time zone "${timeZone}"`);
  const nowText = flags.get('now');
  if (!nowText) throw new UsageError(`--now is required (e.g. 2026-11-25T09:00). ${USAGE}`);
  const parsed = DateTime.fromISO(nowText, { zone: timeZone, setZone: true });
  if (!parsed.isValid) throw new UsageError(`--now "${nowText}" is not an ISO date-time (e.g. 2026-11-25T09:00 or 2026-11-25T09:00+08:00)`);
  const out = flags.get('out');
  if (!out) throw new UsageError(`--out is required. ${USAGE}`);
  return { job, workbook: resolve(workbook), now: parsed.toJSDate(), out: resolve(out), timeZone };
}

export async function loadWorkbook(file: string, timeZone: string): Promise<WorkbookModel> {
  try {
    return await importXlsx(file, { timeZone });
  } catch (err) {
    throw new UsageError(`cannot read workbook ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

interface JobValue {
  ok?: boolean;
  message?: string;
  counts?: Record<string, number>;
  warnings?: string[];
}

/** Runs one job on a workbook already in memory (so the demo can chain jobs on one workbook). */
export function runJobOn(runtime: LocalRuntime, job: string): { value: JobValue; logs: string[]; elapsedMs: number } {
  if (!runtime.globalFunctionNames().includes(job)) {
    throw new UsageError(`the job "${job}" is not in this build of Duban yet (the bundle has: ${runtime.globalFunctionNames().join(', ')})`);
  }
  // A time-driven trigger passes an event object; the job then shows no toast.
  const event = { authMode: 'FULL', triggerUid: `local-${job}` };
  const result = runtime.run<JobValue>(job, [event], 'installable');
  return { value: result.value ?? {}, logs: result.logs, elapsedMs: result.elapsedMs };
}

export async function writeOutputs(
  runtime: LocalRuntime,
  opts: LocalOptions,
  ran: { value: JobValue; logs: string[]; elapsedMs: number },
  mailsBefore = 0,
): Promise<RunReport> {
  mkdirSync(opts.out, { recursive: true });
  const outbox = join(opts.out, 'outbox');
  rmSync(outbox, { recursive: true, force: true });
  mkdirSync(outbox, { recursive: true });
  const workbookOut = join(opts.out, basename(opts.workbook));
  await exportXlsx(runtime.workbook, workbookOut);
  const mails: RunReport['mails'] = [];
  const sent = runtime.outbox.slice(mailsBefore);
  for (let i = 0; i < sent.length; i++) {
    const mail = sent[i]!;
    const file = await writeEml(mail, outbox, i + 1);
    mails.push({ file, to: mail.to, cc: mail.cc, subject: mail.subject });
  }
  const runJson = join(opts.out, 'run.json');
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
    serviceCalls: { total: runtime.calls.total(), byMethod: runtime.calls.byMethod() },
    logs: ran.logs,
    elapsedMs: Math.round(ran.elapsedMs),
    outputs: { workbook: workbookOut, outbox, runJson },
  };
  writeFileSync(runJson, JSON.stringify(report, null, 2) + '\n', 'utf8');
  return report;
}

export async function bundleCode(): Promise<string> {
  const { file } = await buildBundle();
  return readFileSync(file, 'utf8');
}

export async function runLocal(opts: LocalOptions): Promise<RunReport> {
  const workbook = await loadWorkbook(opts.workbook, opts.timeZone);
  const runtime = new LocalRuntime({ workbook, now: opts.now, scriptTimeZone: 'Asia/Shanghai' });
  runtime.load(await bundleCode(), 'Code.js');
  const ran = runJobOn(runtime, opts.job);
  return writeOutputs(runtime, opts, ran);
}

async function main(): Promise<void> {
  let opts: LocalOptions;
  try {
    opts = parseArgs(process.argv.slice(2));
    const report = await runLocal(opts);
    console.log(`${report.ok ? 'ok' : 'failed'}: ${report.job} — ${report.message}`);
    console.log(`  workbook: ${report.outputs.workbook}`);
    console.log(`  outbox:   ${report.outputs.outbox} (${report.mails.length} mails)`);
    console.log(`  run.json: ${report.outputs.runJson} (${report.serviceCalls.total} service calls, ${report.warnings.length} warnings)`);
    process.exitCode = report.ok ? 0 : 1;
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`duban local: ${err.message}`);
      process.exitCode = 2;
      return;
    }
    throw err;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void main();
}
