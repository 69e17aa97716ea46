/**
 * What a person reads when Google says no: for each of Google's error answers (as its APIs send
 * them), the one line printed, naming the cause and the fix, and exit 1; never a token.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../scripts/google/command';
import { deploy } from '../../scripts/google/deploy-command';
import { explainGoogleError } from '../../scripts/google/errors';
import { pull } from '../../scripts/google/pull-command';
import { status } from '../../scripts/google/status-command';
import { googleErrors } from './fake-google';
import { useFakeGoogle } from './harness';
import { leakedSecrets, ROOT, testProject } from './project';

const SHEET = '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg';
const SCRIPT = '1ScriptAbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
const SAMPLE = join(ROOT, 'samples', '创城台账示例.xlsx');
const LOGIN_AGAIN =
  'log in again with `npx clasp login --creds <client_secret.json> --extra-scopes https://www.googleapis.com/auth/drive.file,https://www.googleapis.com/auth/script.projects,https://www.googleapis.com/auth/script.processes,https://www.googleapis.com/auth/script.deployments`.';

type Command = (argv: string[], ctx: CommandContext) => Promise<number>;

const google = useFakeGoogle();

interface Case {
  name: string;
  command: Command;
  argv: string[];
  refuse: [method: string, path: RegExp, status: number, body: unknown];
  says: string;
}

const cases: Case[] = [
  {
    name: 'the Apps Script API switched off in the user settings',
    command: deploy,
    argv: ['--sheet', SHEET],
    refuse: ['POST', /^\/v1\/projects$/, 403, googleErrors.appsScriptApiOff()],
    says: 'The Apps Script API is turned off for your account: turn it on at https://script.google.com/home/usersettings, wait a few minutes, then run the command again.',
  },
  {
    name: "the Drive API not enabled in the OAuth client's Cloud project",
    command: deploy,
    argv: ['--xlsx', SAMPLE],
    refuse: ['POST', /^\/upload\/drive\/v3\/files$/, 403, googleErrors.serviceDisabled('drive.googleapis.com', 'Google Drive API')],
    says: 'The Google Drive API is not enabled in the Google Cloud project of your OAuth client: enable it at https://console.developers.google.com/apis/api/drive.googleapis.com/overview?project=123456789012, wait a few minutes, then run the command again.',
  },
  {
    name: "the Apps Script API not enabled in the OAuth client's Cloud project",
    command: deploy,
    argv: ['--sheet', SHEET],
    refuse: ['POST', /^\/v1\/projects$/, 403, googleErrors.serviceDisabled('script.googleapis.com', 'Apps Script API')],
    says: 'The Apps Script API is not enabled in the Google Cloud project of your OAuth client: enable it at https://console.developers.google.com/apis/api/script.googleapis.com/overview?project=123456789012, wait a few minutes, then run the command again.',
  },
  {
    name: 'a login without drive.file',
    command: deploy,
    argv: ['--xlsx', SAMPLE],
    refuse: [
      'POST',
      /^\/upload\/drive\/v3\/files$/,
      403,
      googleErrors.insufficientScopes('drive.googleapis.com', 'google.apps.drive.v3.DriveFiles.Create'),
    ],
    says: `Your clasp login lacks the https://www.googleapis.com/auth/drive.file scope needed to upload the workbook to Google Drive: ${LOGIN_AGAIN}`,
  },
  {
    name: 'a sheet Drive does not show these commands',
    command: pull,
    argv: ['--sheet', SHEET, '--out', 'ignored.xlsx'],
    refuse: ['GET', /\/export$/, 404, googleErrors.driveFileNotFound(SHEET)],
    says: `Google Drive shows these commands no sheet ${SHEET} (Google said: File not found: ${SHEET}): check the id or address and that the sheet is shared with you; with the drive.file scope they see only sheets they uploaded (\`npm run deploy -- --xlsx\`), so download any other from Sheets (File → Download → Microsoft Excel (.xlsx)).`,
  },
  {
    name: 'a sheet not found when binding a script to it',
    command: deploy,
    argv: ['--sheet', SHEET],
    refuse: ['POST', /^\/v1\/projects$/, 404, googleErrors.scriptNotFound()],
    says: `Google found no sheet ${SHEET} that you can edit (Google said: Requested entity was not found): check the id or address, and that the sheet is shared with you as an editor.`,
  },
  {
    name: 'a sheet not shared with the person as an editor',
    command: deploy,
    argv: ['--sheet', SHEET],
    refuse: ['POST', /^\/v1\/projects$/, 403, googleErrors.noPermission()],
    says: `You may not create a script bound to the sheet (Google said: The caller does not have permission): ask the owner of the sheet ${SHEET} to share it with you as an editor, or use one of your own.`,
  },
  {
    name: 'a script in .clasp.json that no longer exists',
    command: deploy,
    argv: [],
    refuse: ['PUT', /\/content$/, 404, googleErrors.scriptNotFound()],
    says: `Apps Script has no project ${SCRIPT} that you can edit (Google said: Requested entity was not found): check the scriptId in .clasp.json, or bind a new script with \`npm run deploy -- --sheet <id or URL>\`.`,
  },
  {
    name: "Drive's per-user rate limit (403)",
    command: deploy,
    argv: ['--xlsx', SAMPLE],
    refuse: ['POST', /^\/upload\/drive\/v3\/files$/, 403, googleErrors.driveUserRateLimit()],
    says: "Google's quota for the Google Drive API is used up for now (User Rate Limit Exceeded. Rate of requests for user exceed configured project quota): wait a few minutes (a daily limit: until tomorrow) and run the command again.",
  },
  {
    name: "Drive's rate limit (429)",
    command: pull,
    argv: ['--sheet', SHEET, '--out', 'ignored.xlsx'],
    refuse: ['GET', /\/export$/, 429, googleErrors.driveRateLimit429()],
    says: "Google's quota for the Google Drive API is used up for now (Rate Limit Exceeded): wait a few minutes (a daily limit: until tomorrow) and run the command again.",
  },
  {
    name: 'a revoked or expired clasp login',
    command: status,
    argv: [],
    refuse: ['POST', /^\/token$/, 400, googleErrors.invalidGrant()],
    says: `Not logged in: Google refused to renew your clasp login (invalid_grant: Token has been expired or revoked); ${LOGIN_AGAIN}`,
  },
  {
    name: 'an access token the API does not accept',
    command: status,
    argv: [],
    refuse: ['GET', /listScriptProcesses/, 401, googleErrors.unauthenticated()],
    says: `Not logged in: Google did not accept your clasp login (Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential); ${LOGIN_AGAIN}`,
  },
];

describe('what Google refused, said in one sentence', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const p = await testProject(google());
    writeFileSync(join(p.dir, '.clasp.json'), JSON.stringify({ scriptId: SCRIPT, rootDir: 'dist' }));
    google().refuse(...c.refuse);
    const argv = c.argv.map((a) => (a === 'ignored.xlsx' ? join(p.dir, a) : a));
    expect(await c.command(argv, p.ctx)).toBe(1);
    expect(p.stderr).toEqual([c.says]);
    expect(leakedSecrets(p)).toEqual([]);
  });

  it('a connection refused: Google cannot be reached', async () => {
    const p = await testProject(google());
    await google().stop();
    expect(await pull(['--sheet', SHEET, '--out', join(p.dir, 'x.xlsx')], p.ctx)).toBe(1);
    expect(p.stderr).toEqual([
      "Could not reach Google to export the sheet as .xlsx (ECONNREFUSED): check this computer's internet connection (or proxy), then run the command again.",
    ]);
  });

  it('a name that does not resolve (no internet): said the same way, from the code fetch wraps', () => {
    // What gaxios throws when fetch fails on DNS: the code sits two causes deep.
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND oauth2.googleapis.com'), { code: 'ENOTFOUND' });
    const fetchFailed = new TypeError('fetch failed', { cause: dns });
    const gaxios = new Error('request to https://oauth2.googleapis.com/token failed, reason: fetch failed', { cause: fetchFailed });
    expect(explainGoogleError(gaxios, { action: 'upload the workbook to Google Drive', api: 'Google Drive API', scope: 'x' }).message).toBe(
      "Could not reach Google to upload the workbook to Google Drive (ENOTFOUND): check this computer's internet connection (or proxy), then run the command again.",
    );
  });
});
