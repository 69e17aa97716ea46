/**
 * What runs before anything is pushed to a sheet: the build (dist/ as it will be sent), then the
 * fast subset of the tests (`npm run test:fast`: the core's unit tests and the bundle's smoke
 * test, a few seconds). If either fails, nothing reaches Google: a broken bundle never gets to
 * an office's sheet.
 */
import { spawnSync } from 'node:child_process';
import { buildBundle } from '../build';
import { GoogleRefusal } from './errors';

/** How many lines of the failing tests' output are shown; `npm run test:fast` shows them all. */
const FAILURE_LINES = 40;

export async function prepushCheck(projectDir: string, out: (line: string) => void, err: (line: string) => void): Promise<void> {
  out('Checking before pushing: npm run build, then npm run test:fast …');
  try {
    await buildBundle();
  } catch (e) {
    const reason = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new GoogleRefusal(
      'checkFailed',
      `The bundle does not build (${reason}), so nothing was sent to Google: fix it (\`npm run build\` shows where), then run the command again.`,
    );
  }
  const run = spawnSync('npm', ['run', '--silent', 'test:fast'], {
    cwd: projectDir,
    encoding: 'utf8',
    shell: process.platform === 'win32',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  // tests/summary-reporter.ts closes every run with "Tests: N passed, N failed".
  const summary = /Tests: \d+ passed, \d+ failed[^\n]*/.exec(output)?.[0];
  if (run.status !== 0) {
    for (const line of output.trimEnd().split('\n').slice(-FAILURE_LINES)) err(line);
    throw new GoogleRefusal(
      'checkFailed',
      `The fast tests failed${summary ? ` (${summary})` : ''}, so nothing was sent to Google: run \`npm run test:fast\`, fix what fails, then run the command again.`,
    );
  }
  out(`Checked: the bundle builds and the fast tests pass${summary ? ` (${summary})` : ''}.`);
}
