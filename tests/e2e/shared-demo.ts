/**
 * One run of the demo (`npm run demo`, as a newcomer runs it) per test run, shared by the suites
 * that read what it wrote (scripts.e2e, demo-fingerprint.e2e): it takes seconds, and a second run
 * would test nothing the first did not. The first suite to ask runs it; a suite asking meanwhile,
 * in another worker, waits for it. The folder lives in the test run's scratch folder
 * (tests/global-setup.ts), which is removed after the run; the suites only read it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SCRATCH_ENV } from '../global-setup';

const root = resolve(__dirname, '../..');
/** The demo takes about ten seconds alone; a busy machine may take several times that. */
const WAIT_MS = 100_000;

export interface DemoRun {
  /** Where the demo wrote (its --out). */
  out: string;
  status: number | null;
  stdout: string;
  stderr: string;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function sharedDemo(): DemoRun {
  const scratch = process.env[SCRATCH_ENV];
  if (!scratch) throw new Error(`${SCRATCH_ENV} is not set: run the tests with vitest (tests/global-setup.ts sets it)`);
  const done = join(scratch, 'demo.json');
  try {
    // mkdir is atomic: exactly one worker gets to run the demo.
    mkdirSync(join(scratch, 'demo.lock'));
  } catch {
    const until = Date.now() + WAIT_MS;
    while (!existsSync(done)) {
      if (Date.now() > until) throw new Error(`the demo another suite started has not finished after ${WAIT_MS / 1000} s`);
      sleep(100);
    }
    return JSON.parse(readFileSync(done, 'utf8')) as DemoRun;
  }
  const out = join(scratch, 'demo');
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'demo.ts'), '--out', out], {
    cwd: root,
    encoding: 'utf8',
  });
  const run: DemoRun = { out, status: r.status, stdout: r.stdout, stderr: r.stderr };
  writeFileSync(`${done}.tmp`, JSON.stringify(run));
  renameSync(`${done}.tmp`, done);
  return run;
}
