/**
 * "The office's sheet is theirs": on any ledger an office could have made, Duban writes only
 * cells and sheets it created. Generated adversarial ledgers (see ledgers.ts) go through the
 * real bundle in the local runtime: setup at D 09:00, sweep at D 09:00, again at D 10:00, and
 * on D+1 at 09:00 (Asia/Shanghai). After each run:
 *
 * 1. every cell the office made (every sheet, every row and column the generator filled, the
 *    empty cells inside it too) keeps its value, type, formula and number format; in the task
 *    sheet Duban may write only in columns to the right of the office's, and in an office
 *    sheet that merely shares a name with one of Duban's it may write nothing;
 * 2. the rerun on the same day (D 10:00 after D 09:00) changes nothing anywhere in the workbook;
 * 3. no job throws, and each is ok or says, located, what stopped it.
 *
 * The generator, not the header text, says which cells are the office's. Rows and columns are
 * never inserted by Duban, so positions are stable. A failure prints the shrunk ledger as a
 * grid and the first cell that differs, before and after. Reproduce or widen a run with
 * PROP_SEED / PROP_RUNS (and PROP_PATH, printed on failure, to replay the counterexample).
 */
import fc from 'fast-check';
import { beforeAll, describe, it } from 'vitest';
import { LocalRuntime } from '../../runtime/index';
import type { WorkbookModel } from '../../runtime/model';
import { en, zhCN } from '../../src/core/i18n/messages';
import { bundle, type JobValue } from '../e2e/harness';
import { type BuiltLedger, buildLedger, dayDate, type LedgerSpec, ledgerSpecArb } from './ledgers';
import { type Change, describeChange, grid, officeChange, snapshot, workbookChange } from './workbook-diff';

const SEED = Number(process.env.PROP_SEED ?? 20260731);
const RUNS = Number(process.env.PROP_RUNS ?? 30);
const PATH = process.env.PROP_PATH;

let code = '';
beforeAll(async () => {
  code = await bundle();
});

interface Step {
  job: 'setup' | 'sweep';
  label: string;
  at: Date;
}

function stepsFor(built: BuiltLedger): Step[] {
  const at = (offset: number, hour: number): Date => new Date(dayDate(built.day, offset).getTime() + hour * 3600_000);
  const d = `${built.day.y}-${String(built.day.m).padStart(2, '0')}-${String(built.day.d).padStart(2, '0')}`;
  return [
    { job: 'setup', label: `setup on D=${d} 09:00`, at: at(0, 9) },
    { job: 'sweep', label: `sweep on D 09:00`, at: at(0, 9) },
    { job: 'sweep', label: `sweep again on D 10:00`, at: at(0, 10) },
    { job: 'sweep', label: `sweep on D+1 09:00`, at: at(1, 9) },
  ];
}

/** A warning that says where: 《sheet》…, as describeProblem writes them. */
const LOCATED = /^《[^》]+》/;
/** The start of 'job.failed' ("“sweep”运行出错：…"), the message a job that threw returns, in each language. */
const failedPrefix = (job: string): string[] => [zhCN, en].map((m) => m['job.failed'].replace('{job}', job).split('{error}')[0]!);

/** Why a job's result breaks invariant 3, or undefined. */
function badResult(step: Step, result: JobValue | undefined, thrown: unknown): string | undefined {
  if (thrown !== undefined) return `${step.label} threw: ${thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown)}`;
  if (!result) return `${step.label} returned nothing`;
  const crashed = failedPrefix(step.job).some((p) => result.message.startsWith(p));
  if (crashed) return `${step.label} threw inside the job: ${result.message}`;
  if (!result.ok && !result.warnings.some((w) => LOCATED.test(w))) {
    return `${step.label} failed without a located warning: ${result.message}\n  warnings: ${JSON.stringify(result.warnings)}`;
  }
  return undefined;
}

function runJob(rt: LocalRuntime, step: Step): { result?: JobValue; thrown?: unknown } {
  rt.setNow(step.at);
  try {
    return { result: rt.run<JobValue>(step.job, [{ authMode: 'FULL', triggerUid: 'property' }], 'installable').value };
  } catch (err) {
    return { thrown: err };
  }
}

type Invariant = 1 | 2 | 3;

/** What broke each promise on one ledger (absent: kept), as a readable report. */
type Verdicts = Partial<Record<Invariant, string>>;

/** The broken promise, the first difference, the generated workbook, and the sheet that differs as the job left it. */
function report(invariant: string, step: Step, generated: WorkbookModel, detail: string, after: WorkbookModel, sheet = '任务台账'): string {
  const office = generated.sheets.map((s) => grid(s)).join('\n');
  const now = after.sheets.find((s) => s.name === sheet) ?? after.sheets[0]!;
  return `${invariant}\nafter ${step.label}:\n  ${detail}\n\nthe generated workbook:\n${office}\n\n${now.name} after ${step.label}:\n${grid(now)}`;
}

/**
 * Runs the four jobs on one generated ledger and notes the first break of each promise. With
 * `stopAt`, it stops as soon as that promise is broken (shrinking a counterexample then costs
 * less), and the verdicts are partial.
 */
function runLedger(spec: LedgerSpec, stopAt?: Invariant): { verdicts: Verdicts; complete: boolean } {
  const built = buildLedger(spec);
  // A second build, never run: what the office made, to compare with and to print.
  const reference = buildLedger(spec).workbook;
  const rt = new LocalRuntime({ workbook: built.workbook, now: stepsFor(built)[0]!.at, scriptTimeZone: 'Asia/Shanghai' });
  rt.load(code, 'Code.js');
  const verdicts: Verdicts = {};
  let beforeRerun: WorkbookModel | undefined;
  for (const [i, step] of stepsFor(built).entries()) {
    if (i === 2) beforeRerun = snapshot(rt.workbook);
    const { result, thrown } = runJob(rt, step);
    const bad = badResult(step, result, thrown);
    if (bad && !verdicts[3]) verdicts[3] = report('3. a job threw or failed without saying where', step, reference, bad, rt.workbook);
    const office: Change | undefined = verdicts[1] ? undefined : officeChange(reference, built.areas, rt.workbook);
    if (office)
      verdicts[1] = report('1. Duban changed a cell the office made', step, reference, describeChange(office), rt.workbook, office.sheet);
    if (i === 2 && beforeRerun) {
      const rerun = workbookChange(beforeRerun, rt.workbook);
      if (rerun)
        verdicts[2] = report(
          '2. the same-day rerun changed the workbook',
          step,
          reference,
          describeChange(rerun),
          rt.workbook,
          rerun.sheet,
        );
    }
    if (stopAt !== undefined && verdicts[stopAt]) return { verdicts, complete: false };
  }
  return { verdicts, complete: true };
}

/** The three properties draw the same ledgers from the same seed: a ledger run in full is run once. */
const runs = new Map<string, Verdicts>();
function verdict(spec: LedgerSpec, invariant: Invariant): string | undefined {
  const key = JSON.stringify(spec);
  const known = runs.get(key);
  if (known) return known[invariant];
  const { verdicts, complete } = runLedger(spec, invariant);
  if (complete) runs.set(key, verdicts);
  return verdicts[invariant];
}

class Violation extends Error {}

/**
 * Each promise is its own property, so each gets its own shrunk counterexample: one broken
 * promise does not hide another.
 */
function holds(invariant: Invariant): void {
  const details = fc.check(
    fc.property(ledgerSpecArb, (spec) => {
      const broken = verdict(spec, invariant);
      if (broken) throw new Violation(broken);
    }),
    { seed: SEED, numRuns: RUNS, ...(PATH ? { path: PATH } : {}) },
  );
  if (!details.failed) return;
  const error = details.errorInstance;
  const message = error instanceof Violation ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  throw new Error(
    `Counterexample after ${details.numRuns} runs and ${details.numShrinks} shrinks ` +
      `(replay: PROP_SEED=${details.seed} PROP_PATH=${details.counterexamplePath}):\n\n${message}`,
  );
}

describe('the office’s sheet is theirs (generated ledgers: setup, sweep, same-day rerun, next-day sweep)', () => {
  it('every cell the office made keeps its value, type, formula and number format', () => holds(1), 120_000);
  it('a second sweep on the same day changes nothing anywhere in the workbook', () => holds(2), 120_000);
  it('no job throws, and a job that fails says where', () => holds(3), 120_000);
});
