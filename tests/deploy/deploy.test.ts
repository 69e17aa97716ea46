/**
 * `npm run deploy` against a local fake of Drive and Apps Script: the exact requests (the
 * converting multipart upload, the bound script, the files pushed as built), .clasp.json, what
 * the person is told, and that nothing is sent when the check fails or the arguments are bad.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deploy, GOOGLE_SHEET_MIME, XLSX_MIME } from '../../scripts/google/deploy-command';
import { GoogleRefusal } from '../../scripts/google/errors';
import { FAKE_ACCESS_TOKEN, googleErrors, multipartParts } from './fake-google';
import { useFakeGoogle } from './harness';
import { clasprc, LOGIN, leakedSecrets, ROOT, type TestProject, testProject, webAppCalls } from './project';

const SAMPLE = join(ROOT, 'samples', '创城台账示例.xlsx');
const SHEET = '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg';

const google = useFakeGoogle();

function body(i: number): unknown {
  return JSON.parse(google().requests[i]!.body.toString('utf8'));
}

function bind(project: TestProject, scriptId: string, parentId?: string): void {
  writeFileSync(join(project.dir, '.clasp.json'), JSON.stringify({ scriptId, rootDir: 'dist', ...(parentId ? { parentId } : {}) }));
}

function pushedFiles(project: TestProject): unknown {
  return [
    { name: 'appsscript', type: 'JSON', source: readFileSync(join(project.dir, 'dist', 'appsscript.json'), 'utf8') },
    { name: 'Code', type: 'SERVER_JS', source: readFileSync(join(project.dir, 'dist', 'Code.js'), 'utf8') },
  ];
}

describe('npm run deploy -- --xlsx', () => {
  it('uploads the workbook converted to a Google Sheet, binds a new script to it, pushes dist/ as built, and writes .clasp.json', async () => {
    const p = await testProject(google());
    const code = await deploy(['--xlsx', SAMPLE], p.ctx);
    expect(p.stderr).toEqual([]);
    expect(code).toBe(0);
    const bound = p.claspJson().scriptId as string;
    expect(google().calls()).toEqual([
      'POST /token',
      'POST /upload/drive/v3/files',
      'POST /v1/projects',
      `PUT /v1/projects/${bound}/content`,
      ...webAppCalls(bound),
    ]);
    expect(bound).toMatch(/^1script/);

    // The token refresh uses clasp's saved login.
    const token = new URLSearchParams(google().requests[0]!.body.toString('utf8'));
    expect(Object.fromEntries(token)).toEqual({
      grant_type: 'refresh_token',
      refresh_token: LOGIN.refresh_token,
      client_id: LOGIN.client_id,
      client_secret: LOGIN.client_secret,
    });
    for (const r of google().requests.slice(1)) expect(r.headers.authorization).toBe(`Bearer ${FAKE_ACCESS_TOKEN}`);

    // Drive: a multipart upload whose metadata asks for the Google Sheets type (conversion).
    const upload = google().requests[1]!;
    expect(upload.query).toMatchObject({ uploadType: 'multipart' });
    expect(upload.headers['content-type']).toMatch(/^multipart\/related; boundary=/);
    const [metadata, media] = multipartParts(upload);
    expect(metadata!.contentType).toBe('application/json');
    expect(JSON.parse(metadata!.body.toString('utf8'))).toEqual({ name: '创城台账示例', mimeType: GOOGLE_SHEET_MIME });
    expect(media!.contentType).toBe(XLSX_MIME);
    expect(media!.body.equals(readFileSync(SAMPLE))).toBe(true);
    const sheetId = p.claspJson().parentId as string;
    expect(sheetId).toMatch(/^1sheet/);

    // Apps Script: a project bound to that sheet, then its content replaced by dist/.
    expect(body(2)).toEqual({ title: '督办台账', parentId: sheetId });
    const scriptId = p.claspJson().scriptId as string;
    expect(google().requests[3]!.path).toBe(`/v1/projects/${scriptId}/content`);
    expect(body(3)).toEqual({ files: pushedFiles(p) });

    expect(p.claspJson()).toEqual({ scriptId, rootDir: 'dist', parentId: sheetId });
    expect(p.stdout).toContain(`Sheet: https://docs.google.com/spreadsheets/d/${sheetId}/edit`);
    expect(p.stdout.at(-1)).toBe(
      'Left to do by hand: open the sheet (reload it if it is open), choose 督办台账 → 初始化 / 修复台账 and allow what Google asks, then 督办台账 → 开启每日自动检查.',
    );
    expect(leakedSecrets(p)).toEqual([]);
    // The fresh access token stays in memory: clasp's own file is left as clasp wrote it.
    expect(readFileSync(p.authFile, 'utf8')).toBe(clasprc());
  });

  it('runs the pre-push check once, before the first request', async () => {
    const p = await testProject(google());
    expect(await deploy(['--xlsx', SAMPLE], p.ctx)).toBe(0);
    expect(p.checks).toBe(1);
    expect(p.requestsAtCheck).toEqual([0]);
  });

  it('names the sheet with --title', async () => {
    const p = await testProject(google());
    expect(await deploy(['--xlsx', SAMPLE, '--title', '2026年创城台账'], p.ctx)).toBe(0);
    expect(JSON.parse(multipartParts(google().requests[1]!)[0]!.body.toString('utf8'))).toEqual({
      name: '2026年创城台账',
      mimeType: GOOGLE_SHEET_MIME,
    });
    expect(p.stdout).toContain(
      `Uploaded 创城台账示例.xlsx to your Drive as the Google Sheet "2026年创城台账" (${p.claspJson().parentId}).`,
    );
  });

  it('sends nothing when the pre-push check fails: a broken bundle never reaches a sheet', async () => {
    const p = await testProject(google(), {
      check: () =>
        Promise.reject(
          new GoogleRefusal(
            'checkFailed',
            'The fast tests failed (Tests: 420 passed, 1 failed), so nothing was sent to Google: run `npm run test:fast`, fix what fails, then run the command again.',
          ),
        ),
    });
    const before = readFileSync(join(p.dir, '.clasp.json'), 'utf8');
    expect(await deploy(['--xlsx', SAMPLE], p.ctx)).toBe(1);
    expect(google().requests).toEqual([]);
    expect(p.stderr).toEqual([
      'The fast tests failed (Tests: 420 passed, 1 failed), so nothing was sent to Google: run `npm run test:fast`, fix what fails, then run the command again.',
    ]);
    expect(readFileSync(join(p.dir, '.clasp.json'), 'utf8')).toBe(before);
  });

  it('says the sheet is uploaded, and how to bind it, when the script cannot be created', async () => {
    const p = await testProject(google());
    google().refuse('POST', /^\/v1\/projects$/, 403, googleErrors.appsScriptApiOff());
    const before = readFileSync(join(p.dir, '.clasp.json'), 'utf8');
    expect(await deploy(['--xlsx', SAMPLE], p.ctx)).toBe(1);
    const sheetId = /\(([\w-]+)\)\.$/.exec(p.stdout.find((l) => l.startsWith('Uploaded'))!)![1]!;
    expect(p.stderr).toEqual([
      `The sheet is uploaded (https://docs.google.com/spreadsheets/d/${sheetId}/edit); once this is fixed, bind it with: npm run deploy -- --sheet ${sheetId}`,
      'The Apps Script API is turned off for your account: turn it on at https://script.google.com/home/usersettings, wait a few minutes, then run the command again.',
    ]);
    expect(readFileSync(join(p.dir, '.clasp.json'), 'utf8')).toBe(before);
  });

  it('keeps .clasp.json bound when the push fails, so `npm run deploy` retries it', async () => {
    const p = await testProject(google());
    google().refuse('PUT', /\/content$/, 429, googleErrors.scriptQuota429(), 2);
    expect(await deploy(['--xlsx', SAMPLE], p.ctx)).toBe(1);
    // PUT is idempotent: the 429 is retried (once, in these tests) before giving up.
    expect(
      google()
        .calls()
        .filter((c) => c.startsWith('PUT')),
    ).toHaveLength(2);
    expect(p.stderr).toEqual([
      "Google's quota for the Apps Script API is used up for now (Quota exceeded for quota metric 'Management requests' and limit 'Management requests per minute per user' of service 'script.googleapis.com'): wait a few minutes (a daily limit: until tomorrow) and run the command again.",
    ]);
    const { scriptId } = p.claspJson() as { scriptId: string };
    expect(scriptId).toMatch(/^1script/);

    google().requests.length = 0;
    expect(await deploy([], p.ctx)).toBe(0);
    expect(google().calls()).toEqual(['POST /token', `PUT /v1/projects/${scriptId}/content`, ...webAppCalls(scriptId)]);
  });
});

describe('npm run deploy -- --sheet', () => {
  it('binds a new script to an existing sheet given by its address, and pushes', async () => {
    const p = await testProject(google());
    expect(await deploy(['--sheet', `https://docs.google.com/spreadsheets/d/${SHEET}/edit#gid=0`], p.ctx)).toBe(0);
    const scriptId = p.claspJson().scriptId as string;
    expect(google().calls()).toEqual([
      'POST /token',
      'POST /v1/projects',
      `PUT /v1/projects/${scriptId}/content`,
      ...webAppCalls(scriptId),
    ]);
    expect(body(1)).toEqual({ title: '督办台账', parentId: SHEET });
    expect(body(2)).toEqual({ files: pushedFiles(p) });
    expect(p.claspJson()).toEqual({ scriptId, rootDir: 'dist', parentId: SHEET });
    expect(p.stdout).toContain(`Sheet: https://docs.google.com/spreadsheets/d/${SHEET}/edit`);
    expect(leakedSecrets(p)).toEqual([]);
  });

  it('only pushes again when .clasp.json already binds that sheet, and so does a plain `npm run deploy`', async () => {
    const p = await testProject(google());
    bind(p, '1existingScriptIdAbCdEfGhIjKlMnOpQrStUvWxYz', SHEET);
    expect(await deploy(['--sheet', SHEET], p.ctx)).toBe(0);
    expect(await deploy([], p.ctx)).toBe(0);
    const [deployment] = google().versionedDeployments('1existingScriptIdAbCdEfGhIjKlMnOpQrStUvWxYz');
    expect(google().calls()).toEqual([
      'POST /token',
      'PUT /v1/projects/1existingScriptIdAbCdEfGhIjKlMnOpQrStUvWxYz/content',
      ...webAppCalls('1existingScriptIdAbCdEfGhIjKlMnOpQrStUvWxYz'),
      'POST /token',
      'PUT /v1/projects/1existingScriptIdAbCdEfGhIjKlMnOpQrStUvWxYz/content',
      ...webAppCalls('1existingScriptIdAbCdEfGhIjKlMnOpQrStUvWxYz', deployment!.deploymentId!),
    ]);
    expect(body(1)).toEqual({ files: pushedFiles(p) });
    expect(p.checks).toBe(2);
    expect(p.claspJson()).toEqual({ scriptId: '1existingScriptIdAbCdEfGhIjKlMnOpQrStUvWxYz', rootDir: 'dist', parentId: SHEET });
  });

  it("pushes to a script bound by hand (.clasp.json has only its scriptId) when Apps Script says it is that sheet's, instead of binding a second one", async () => {
    const p = await testProject(google());
    bind(p, '1handBoundScriptAbCdEfGhIjKlMnOpQrStUvWxYz');
    google().projects.set('1handBoundScriptAbCdEfGhIjKlMnOpQrStUvWxYz', { title: '督办台账', parentId: SHEET });
    expect(await deploy(['--sheet', SHEET], p.ctx)).toBe(0);
    expect(google().calls()).toEqual([
      'POST /token',
      'GET /v1/projects/1handBoundScriptAbCdEfGhIjKlMnOpQrStUvWxYz',
      'PUT /v1/projects/1handBoundScriptAbCdEfGhIjKlMnOpQrStUvWxYz/content',
      ...webAppCalls('1handBoundScriptAbCdEfGhIjKlMnOpQrStUvWxYz'),
    ]);
    expect(p.claspJson()).toEqual({ scriptId: '1handBoundScriptAbCdEfGhIjKlMnOpQrStUvWxYz', rootDir: 'dist', parentId: SHEET });
  });

  it('binds a new script when the hand-bound one belongs to another sheet', async () => {
    const p = await testProject(google());
    bind(p, '1handBoundScriptAbCdEfGhIjKlMnOpQrStUvWxYz');
    google().projects.set('1handBoundScriptAbCdEfGhIjKlMnOpQrStUvWxYz', {
      title: '督办台账',
      parentId: '1otherSheetAbCdEfGhIjKlMnOpQrStUvWxYz',
    });
    expect(await deploy(['--sheet', SHEET], p.ctx)).toBe(0);
    const scriptId = p.claspJson().scriptId as string;
    expect(google().calls()).toEqual([
      'POST /token',
      'GET /v1/projects/1handBoundScriptAbCdEfGhIjKlMnOpQrStUvWxYz',
      'POST /v1/projects',
      `PUT /v1/projects/${scriptId}/content`,
      ...webAppCalls(scriptId),
    ]);
    expect(p.claspJson()).toEqual({ scriptId, rootDir: 'dist', parentId: SHEET });
    expect(p.stdout).toContain(
      `Wrote .clasp.json: scriptId ${scriptId}, rootDir dist (it bound the sheet 1otherSheetAbCdEfGhIjKlMnOpQrStUvWxYz before); \`npm run deploy\` pushes again.`,
    );
  });

  it('binds another sheet when asked, and says what .clasp.json bound before', async () => {
    const p = await testProject(google());
    bind(p, '1oldScriptIdAbCdEfGhIjKlMnOpQrStUvWxYz', '1oldSheetIdAbCdEfGhIjKlMnOpQrStUvWxYz');
    expect(await deploy(['--sheet', SHEET], p.ctx)).toBe(0);
    const scriptId = p.claspJson().scriptId as string;
    expect(scriptId).not.toBe('1oldScriptIdAbCdEfGhIjKlMnOpQrStUvWxYz');
    expect(p.stdout).toContain(
      `Wrote .clasp.json: scriptId ${scriptId}, rootDir dist (it bound the sheet 1oldSheetIdAbCdEfGhIjKlMnOpQrStUvWxYz before); \`npm run deploy\` pushes again.`,
    );
  });
});

describe('npm run deploy: bad arguments and no login', () => {
  it.each([
    [['--xlsx', SAMPLE, '--sheet', SHEET], 'give --xlsx (a new sheet) or --sheet (an existing one), not both.'],
    [['--sheet', SHEET, '--title', 'x'], '--title names the sheet --xlsx uploads; it goes with --xlsx.'],
    [['--xlsx', 'nowhere/台账.xlsx'], 'workbook not found: nowhere/台账.xlsx'],
    [['--xlsx', join(ROOT, 'package.json')], 'is not an .xlsx workbook: save it as .xlsx (Excel or WPS: Save As → .xlsx) first'],
    [['--sheet', 'my ledger'], '--sheet "my ledger" is neither a spreadsheet id nor a Google Sheets address'],
    [['--sheet'], '--sheet needs a value.'],
    [['--force'], 'unknown option --force.'],
    [[], '.clasp.json binds no script yet: give --xlsx <ledger.xlsx> for a new sheet or --sheet <id or URL> for one you have.'],
  ])('%j exits 2 with one line, before any check or request', async (argv, message) => {
    const p = await testProject(google());
    expect(await deploy(argv, p.ctx)).toBe(2);
    expect(p.stderr).toHaveLength(1);
    expect(p.stderr[0]).toContain(message);
    expect(p.checks).toBe(0);
    expect(google().requests).toEqual([]);
  });

  it('exits 1 without building or sending when there is no clasp login', async () => {
    const p = await testProject(google());
    p.ctx.env.clasp_config_auth = join(p.dir, 'missing', '.clasprc.json');
    expect(await deploy(['--xlsx', SAMPLE], p.ctx)).toBe(1);
    expect(p.stderr).toEqual([
      `Not logged in: there is no clasp login on this computer (${join(p.dir, 'missing', '.clasprc.json')} does not exist); log in once with \`npx clasp login --creds <client_secret.json> --extra-scopes https://www.googleapis.com/auth/drive.file,https://www.googleapis.com/auth/script.projects,https://www.googleapis.com/auth/script.processes,https://www.googleapis.com/auth/script.deployments\` (README: Deploying to a real sheet).`,
    ]);
    expect(p.checks).toBe(0);
    expect(google().requests).toEqual([]);
  });

  it('prints the usage for --help and exits 0', async () => {
    const p = await testProject(google());
    expect(await deploy(['--help'], p.ctx)).toBe(0);
    expect(p.stdout.join('\n')).toContain('npm run deploy -- --xlsx <ledger.xlsx> [--title <title>]');
    expect(google().requests).toEqual([]);
  });
});
