/**
 * The pre-push check on a stand-in project (its steps are stub npm scripts, so these tests neither
 * rebuild dist/ nor depend on the real tree): each step runs only when the ones before passed, and
 * when one fails the person sees the end of its output and a refusal naming the command to run.
 * terminal.test.ts runs it inside `npm run deploy`.
 */
import { describe, expect, it } from 'vitest';
import { GoogleRefusal } from '../../scripts/google/errors';
import { prepushCheck } from '../../scripts/google/prepush-check';
import { checkProject } from './project';

const CHECKING = 'Checking before pushing: npm run lint, typecheck, build, then test:fast …';

async function check(dir: string): Promise<{ refusal: unknown; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const refusal = await prepushCheck(
    dir,
    (l) => out.push(l),
    (l) => err.push(l),
  ).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { refusal, out, err };
}

describe('the pre-push check', () => {
  it('runs lint, typecheck, build and the fast tests, in that order, and says so', async () => {
    const project = checkProject();
    const { refusal, out, err } = await check(project.dir);
    expect(refusal).toBeUndefined();
    expect(project.ran()).toEqual(['lint', 'typecheck', 'build', 'test:fast']);
    expect(out).toEqual([
      CHECKING,
      'Checked: lint and typecheck are clean, the bundle builds and the fast tests pass (Tests: 431 passed, 0 failed).',
    ]);
    expect(err).toEqual([]);
  });

  it('refuses when `npm run test:fast` fails, showing the end of its output', async () => {
    // Fast tests failing the way vitest and tests/summary-reporter.ts report it.
    const project = checkProject({
      'test:fast':
        "console.log('FAIL tests/core/state.test.ts > a deadline on a holiday'); console.log('Tests: 420 passed, 1 failed'); process.exit(1)",
    });
    const { refusal, out, err } = await check(project.dir);
    expect(refusal).toBeInstanceOf(GoogleRefusal);
    expect((refusal as GoogleRefusal).message).toBe(
      'The fast tests failed (Tests: 420 passed, 1 failed), so nothing was sent to Google: run `npm run test:fast`, fix what fails, then run the command again.',
    );
    expect(err).toEqual(['FAIL tests/core/state.test.ts > a deadline on a holiday', 'Tests: 420 passed, 1 failed']);
    expect(out).toEqual([CHECKING]);
  });

  it('a lint failure stops the push before anything is typechecked, built or tested, showing the end of what Biome said', async () => {
    // 50 lines of Biome's report: the person sees the last 40, ending with its summary.
    const report = [
      ...Array.from({ length: 48 }, (_, i) => `src/gas/jobs/sweep-job.ts:${i + 1}:1 lint/suspicious/noImportCycles`),
      'Checked 212 files in 1s. No fixes applied.',
      'Found 48 errors.',
    ];
    const project = checkProject({ lint: `console.error(${JSON.stringify(report.join('\n'))}); process.exit(1)` });
    const { refusal, out, err } = await check(project.dir);
    expect(refusal).toBeInstanceOf(GoogleRefusal);
    expect((refusal as GoogleRefusal).message).toBe(
      'The code does not pass the linter, so nothing was sent to Google: run `npm run lint` (`npm run format` fixes the formatting), fix what it reports, then run the command again.',
    );
    expect(err).toEqual(report.slice(-40));
    expect(err.at(-1)).toBe('Found 48 errors.');
    expect(project.ran()).toEqual(['lint']);
    expect(out).toEqual([CHECKING]);
  });

  it('a type error stops the push before the build (esbuild would ship it), showing what tsc said', async () => {
    const tsc = "src/core/notices/summary.ts(12,7): error TS2322: Type 'string' is not assignable to type 'number'.";
    const project = checkProject({ typecheck: `console.log(${JSON.stringify(tsc)}); process.exit(2)` });
    const { refusal, out, err } = await check(project.dir);
    expect(refusal).toBeInstanceOf(GoogleRefusal);
    expect((refusal as GoogleRefusal).message).toBe(
      'The code does not typecheck, so nothing was sent to Google: run `npm run typecheck`, fix the errors, then run the command again.',
    );
    expect(err).toEqual([tsc]);
    expect(project.ran()).toEqual(['lint', 'typecheck']);
    expect(out).toEqual([CHECKING]);
  });

  it('a bundle that does not build stops the push before the fast tests', async () => {
    const project = checkProject({ build: "console.error('✘ [ERROR] Could not resolve \\'./missing\\''); process.exit(1)" });
    const { refusal, err } = await check(project.dir);
    expect((refusal as GoogleRefusal).message).toBe(
      'The bundle does not build, so nothing was sent to Google: fix it (`npm run build` shows where), then run the command again.',
    );
    expect(err).toEqual(["✘ [ERROR] Could not resolve './missing'"]);
    expect(project.ran()).toEqual(['lint', 'typecheck', 'build']);
  });
});
