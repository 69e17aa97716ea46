/**
 * The commands as `npm run deploy|pull|status` runs them: a separate Node process, settings from
 * the environment (clasp_config_auth, clasp_config_project, DUBAN_GOOGLE_ROOT_URL), exit codes.
 * The deploy here runs the real pre-push check on a stand-in project's four steps (lint, typecheck,
 * build, fast tests; DUBAN_CHECK_PROJECT): the real ones would rebuild dist/ while other tests read
 * it, and prepush-check.test.ts covers what each step's failure does.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHECK_PROJECT_ENV } from '../../scripts/google/prepush-check';
import { FakeGoogle } from './fake-google';
import { checkProject, clasprc, NO_NETWORK_ENV, ROOT, SECRETS, webAppCalls } from './project';

const SHEET = '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs scripts/<name>.ts as npm would, without blocking this process: the fake answers meanwhile. */
function run(name: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', `${name}.ts`), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...NO_NETWORK_ENV, FORCE_COLOR: '0', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let fake: FakeGoogle;
let env: NodeJS.ProcessEnv;
let claspDir: string;
beforeEach(async () => {
  fake = await new FakeGoogle().start();
  const home = mkdtempSync(join(tmpdir(), 'duban-home-'));
  writeFileSync(join(home, '.clasprc.json'), clasprc());
  // .clasp.json elsewhere than the project's own, which this test must not rewrite.
  claspDir = mkdtempSync(join(tmpdir(), 'duban-clasp-'));
  env = { clasp_config_auth: home, clasp_config_project: claspDir, DUBAN_GOOGLE_ROOT_URL: fake.url };
});
afterEach(async () => {
  await fake.stop();
});

describe('from the terminal', () => {
  it('npm run deploy -- --sheet: checks (lint, typecheck, build, fast tests), then binds and pushes dist/ as built, and deploys the web app its manifest declares', async () => {
    const check = checkProject();
    const r = await run('deploy', ['--sheet', SHEET], { ...env, [CHECK_PROJECT_ENV]: check.dir });
    // This run pushes the project's own dist/: its manifest says whether there is a web app to deploy
    // (webapp-deployment.ts; webapp.test.ts covers both cases against a manifest of its own).
    const declaresWebApp = 'webapp' in (JSON.parse(readFileSync(join(ROOT, 'dist', 'appsscript.json'), 'utf8')) as object);
    expect(r.stderr).toEqual(
      declaresWebApp ? '' : expect.stringMatching(/^Not deployed as a web app: dist\/appsscript.json declares no "webapp" block/),
    );
    expect(r.code).toBe(0);
    expect(check.ran()).toEqual(['lint', 'typecheck', 'build', 'test:fast']);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Checking before pushing: npm run lint, typecheck, build, then test:fast …');
    expect(lines[1]).toMatch(
      /^Checked: lint and typecheck are clean, the bundle builds and the fast tests pass \(Tests: \d+ passed, 0 failed\)\.$/,
    );
    const binding = JSON.parse(readFileSync(join(claspDir, '.clasp.json'), 'utf8')) as {
      scriptId: string;
      rootDir: string;
      parentId: string;
    };
    expect(binding).toEqual({ scriptId: expect.stringMatching(/^1script/), rootDir: 'dist', parentId: SHEET });
    expect(fake.calls()).toEqual([
      'POST /token',
      'POST /v1/projects',
      `PUT /v1/projects/${binding.scriptId}/content`,
      ...(declaresWebApp ? webAppCalls(binding.scriptId) : []),
    ]);
    if (declaresWebApp) expect(lines).toContain(`Web app: ${fake.versionedDeployments(binding.scriptId)[0]!.entryPoints![0]!.webApp!.url}`);
    const pushed = JSON.parse(fake.requests[2]!.body.toString('utf8')) as { files: { name: string; source: string }[] };
    expect(pushed.files.find((f) => f.name === 'Code')!.source).toBe(readFileSync(join(ROOT, 'dist', 'Code.js'), 'utf8'));
    for (const secret of SECRETS) expect(r.stdout + r.stderr).not.toContain(secret);
  });

  it('npm run deploy when the code fails the linter: exit 1, the end of the lint output and why on stderr, nothing sent', async () => {
    const check = checkProject({ lint: "console.error('src/gas/jobs/sweep-job.ts:3:1 lint/suspicious/noImportCycles'); process.exit(1)" });
    const r = await run('deploy', ['--sheet', SHEET], { ...env, [CHECK_PROJECT_ENV]: check.dir });
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      'src/gas/jobs/sweep-job.ts:3:1 lint/suspicious/noImportCycles',
      'The code does not pass the linter, so nothing was sent to Google: run `npm run lint` (`npm run format` fixes the formatting), fix what it reports, then run the command again.',
    ]);
    expect(check.ran()).toEqual(['lint']);
    expect(fake.calls()).toEqual([]);
    expect(existsSync(join(claspDir, '.clasp.json'))).toBe(false);
  });

  it('npm run push checks first: a type error exits 1 before clasp push runs', async () => {
    const check = checkProject({ typecheck: "console.log('src/main.ts(3,1): error TS2304: Cannot find name sweepp.'); process.exit(2)" });
    const r = await run('google/prepush-check', [], { ...env, [CHECK_PROJECT_ENV]: check.dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('Checking before pushing: npm run lint, typecheck, build, then test:fast …\n');
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      'src/main.ts(3,1): error TS2304: Cannot find name sweepp.',
      'The code does not typecheck, so nothing was sent to Google: run `npm run typecheck`, fix the errors, then run the command again.',
    ]);
    expect(check.ran()).toEqual(['lint', 'typecheck']);
    // package.json chains the check and clasp with &&: clasp push runs only when this exits 0.
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.push).toBe('npm run --silent check:push && clasp push');
    expect(scripts['check:push']).toBe('tsx scripts/google/prepush-check.ts');
  });

  it('npm run status prints the executions and exits 0', async () => {
    writeFileSync(
      join(claspDir, '.clasp.json'),
      JSON.stringify({ scriptId: '1ScriptAbCdEfGhIjKlMnOpQrStUvWxYz0123456789', rootDir: 'dist', parentId: SHEET }),
    );
    fake.processes = [
      {
        functionName: 'sweep',
        processType: 'TIME_DRIVEN',
        processStatus: 'COMPLETED',
        startTime: '2026-11-26T01:03:11Z',
        duration: '3.2s',
      },
    ];
    const r = await run('status', [], env);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('Last daily sweep: started 2026-11-26 09:03:11, completed after 3.2 s.');
  });

  it('bad arguments exit 2 and Google refusing exits 1, each with one line on stderr', async () => {
    const bad = await run('pull', ['--sheet', SHEET], env);
    expect([bad.code, bad.stdout, bad.stderr.trimEnd().split('\n').length]).toEqual([2, '', 1]);
    fake.refuse('GET', /\/export$/, 403, {
      error: {
        code: 403,
        message: 'This file is too large to be exported.',
        errors: [{ domain: 'global', reason: 'exportSizeLimitExceeded', message: 'This file is too large to be exported.' }],
      },
    });
    const refused = await run('pull', ['--sheet', SHEET, '--out', join(claspDir, 'x.xlsx')], env);
    expect([refused.code, refused.stderr.trimEnd().split('\n').length]).toEqual([1, 1]);
    expect(refused.stderr).toContain('larger than the 10 MB that Drive can export');
  });
});
