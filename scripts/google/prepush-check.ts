/**
 * The gate before anything is pushed to a sheet (`npm run push`, `npm run deploy`): the project's
 * own npm scripts, in this order, each only if the one before passed:
 *
 *   npm run lint        Biome: formatting, the lint rules, no import cycles, core never imports the edge
 *   npm run typecheck   tsc: esbuild strips types without checking them, so a type error would ship
 *   npm run build       dist/ as it will be sent
 *   npm run test:fast   the core's unit tests and the smoke test of that fresh bundle
 *
 * If one fails, the person sees the end of its output and one sentence naming the command to run,
 * and nothing reaches Google: a broken bundle never gets to an office's sheet.
 *
 * `npm run push` runs this file from the terminal before `clasp push`; `npm run deploy` calls
 * prepushCheck itself (scripts/google/command.ts).
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GoogleRefusal } from './errors';

/** How many lines of a failing step's output are shown; running the step itself shows them all. */
const FAILURE_LINES = 40;

/**
 * Only the tests set this: the folder whose npm scripts stand in for the four steps, so a test of
 * `npm run deploy` from the terminal neither rebuilds dist/ under the other tests' feet nor depends
 * on the tree being lint-clean at that moment. It never changes which dist/ is pushed.
 */
export const CHECK_PROJECT_ENV = 'DUBAN_CHECK_PROJECT';

interface Step {
  script: 'lint' | 'typecheck' | 'build' | 'test:fast';
  /** The refusal, given the summary line of the failing output when there is one. */
  refusal: (summary: string | undefined) => string;
}

const NOTHING_SENT = 'so nothing was sent to Google';

const STEPS: Step[] = [
  {
    script: 'lint',
    refusal: () =>
      `The code does not pass the linter, ${NOTHING_SENT}: run \`npm run lint\` (\`npm run format\` fixes the formatting), fix what it reports, then run the command again.`,
  },
  {
    script: 'typecheck',
    refusal: () => `The code does not typecheck, ${NOTHING_SENT}: run \`npm run typecheck\`, fix the errors, then run the command again.`,
  },
  {
    script: 'build',
    refusal: () => `The bundle does not build, ${NOTHING_SENT}: fix it (\`npm run build\` shows where), then run the command again.`,
  },
  {
    script: 'test:fast',
    refusal: (summary) =>
      `The fast tests failed${summary ? ` (${summary})` : ''}, ${NOTHING_SENT}: run \`npm run test:fast\`, fix what fails, then run the command again.`,
  },
];

function runScript(dir: string, script: string): { ok: boolean; output: string } {
  const run = spawnSync('npm', ['run', '--silent', script], {
    cwd: dir,
    encoding: 'utf8',
    shell: process.platform === 'win32',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  return { ok: run.status === 0, output: `${run.stdout ?? ''}${run.stderr ?? ''}` };
}

/** tests/summary-reporter.ts closes every vitest run with "Tests: N passed, N failed". */
function testSummary(output: string): string | undefined {
  return /Tests: \d+ passed, \d+ failed[^\n]*/.exec(output)?.[0];
}

export async function prepushCheck(projectDir: string, out: (line: string) => void, err: (line: string) => void): Promise<void> {
  const dir = process.env[CHECK_PROJECT_ENV] || projectDir;
  out('Checking before pushing: npm run lint, typecheck, build, then test:fast …');
  let summary: string | undefined;
  for (const step of STEPS) {
    const { ok, output } = runScript(dir, step.script);
    summary = testSummary(output);
    if (!ok) {
      for (const line of output.trimEnd().split('\n').slice(-FAILURE_LINES)) err(line);
      throw new GoogleRefusal('checkFailed', step.refusal(summary));
    }
  }
  out(`Checked: lint and typecheck are clean, the bundle builds and the fast tests pass${summary ? ` (${summary})` : ''}.`);
}

/** `npm run push` runs this before `clasp push`: exit 1, with the reason on stderr, when the gate refuses. */
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = (line: string): void => void process.stdout.write(`${line}\n`);
  const err = (line: string): void => void process.stderr.write(`${line}\n`);
  prepushCheck(resolve(fileURLToPath(import.meta.url), '../../..'), out, err).catch((e: unknown) => {
    err(e instanceof GoogleRefusal ? e.message : `Unexpected error: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    process.exitCode = 1;
  });
}
