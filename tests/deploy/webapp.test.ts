/**
 * `npm run deploy` and the web app (the unit's reply page, the inspector's page): after the push,
 * a new version, then Duban's one web app deployment created the first time and moved to the new
 * version every time after, so the address sent in notices never changes. Against the local fake
 * of the Apps Script API (versions.create, deployments.list/create/update).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deploy } from '../../scripts/google/deploy-command';
import { googleErrors } from './fake-google';
import { useFakeGoogle } from './harness';
import { leakedSecrets, testProject } from './project';

const SHEET = '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg';
const SCRIPT = '1ScriptAbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
const LOGIN_AGAIN =
  'log in again with `npx clasp login --creds <client_secret.json> --extra-scopes https://www.googleapis.com/auth/drive.file,https://www.googleapis.com/auth/script.projects,https://www.googleapis.com/auth/script.processes,https://www.googleapis.com/auth/script.deployments`.';
/** When, and from which commit, in a version's or deployment's description (no git in a test's folder). */
const STAMP = String.raw`\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC`;

const google = useFakeGoogle();

function bodyOf(call: string): unknown {
  const request = google().requests.find((r) => `${r.method} ${r.path}` === call);
  if (!request) throw new Error(`no request ${call}: ${google().calls().join(', ')}`);
  return JSON.parse(request.body.toString('utf8'));
}

async function boundProject(options: Parameters<typeof testProject>[1] = {}) {
  const p = await testProject(google(), options);
  writeFileSync(join(p.dir, '.clasp.json'), JSON.stringify({ scriptId: SCRIPT, rootDir: 'dist', parentId: SHEET }));
  return p;
}

describe('npm run deploy: the web app deployment', () => {
  it('the first deploy makes a version and a deployment of it, and prints the web app address', async () => {
    const p = await testProject(google());
    expect(await deploy(['--sheet', SHEET], p.ctx)).toBe(0);
    expect(p.stderr).toEqual([]);
    const scriptId = p.claspJson().scriptId as string;
    expect(google().calls()).toEqual([
      'POST /token',
      'POST /v1/projects',
      `PUT /v1/projects/${scriptId}/content`,
      `POST /v1/projects/${scriptId}/versions`,
      `GET /v1/projects/${scriptId}/deployments`,
      `POST /v1/projects/${scriptId}/deployments`,
    ]);
    expect(bodyOf(`POST /v1/projects/${scriptId}/versions`)).toEqual({
      description: expect.stringMatching(new RegExp(`^Duban ${STAMP}$`)),
    });
    expect(bodyOf(`POST /v1/projects/${scriptId}/deployments`)).toEqual({
      versionNumber: 1,
      manifestFileName: 'appsscript',
      description: expect.stringMatching(new RegExp(`^Duban web app · version 1 · ${STAMP}$`)),
    });
    const [deployment] = google().versionedDeployments(scriptId);
    const url = `https://script.google.com/macros/s/${deployment!.deploymentId}/exec`;
    expect(p.stdout).toContain(
      `Created the web app deployment ${deployment!.deploymentId} at version 1: anyone with the link can open it, without a Google login (ANYONE_ANONYMOUS); it runs as you (USER_DEPLOYING).`,
    );
    expect(p.stdout).toContain(`Web app: ${url}`);
    // The sheet's address and what is left to do by hand still come last.
    expect(p.stdout.at(-1)).toMatch(/^Left to do by hand: /);
    expect(leakedSecrets(p)).toEqual([]);
  });

  it('a second deploy moves the same deployment to a new version: same address, never a second deployment', async () => {
    const p = await boundProject();
    expect(await deploy([], p.ctx)).toBe(0);
    const first = p.stdout.find((l) => l.startsWith('Web app: '));
    const [made] = google().versionedDeployments(SCRIPT);
    google().requests.length = 0;
    p.stdout.length = 0;

    expect(await deploy([], p.ctx)).toBe(0);
    expect(p.stderr).toEqual([]);
    expect(google().calls()).toEqual([
      'POST /token',
      `PUT /v1/projects/${SCRIPT}/content`,
      `POST /v1/projects/${SCRIPT}/versions`,
      `GET /v1/projects/${SCRIPT}/deployments`,
      `PUT /v1/projects/${SCRIPT}/deployments/${made!.deploymentId}`,
    ]);
    expect(bodyOf(`PUT /v1/projects/${SCRIPT}/deployments/${made!.deploymentId}`)).toEqual({
      deploymentConfig: {
        scriptId: SCRIPT,
        versionNumber: 2,
        manifestFileName: 'appsscript',
        description: expect.stringMatching(new RegExp(`^Duban web app · version 2 · ${STAMP}$`)),
      },
    });
    expect(google().versionedDeployments(SCRIPT)).toHaveLength(1);
    expect(google().versionedDeployments(SCRIPT)[0]!.deploymentConfig!.versionNumber).toBe(2);
    expect(p.stdout).toContain(`Updated the web app deployment ${made!.deploymentId} to version 2; its address stays the same.`);
    expect(p.stdout.find((l) => l.startsWith('Web app: '))).toBe(first);
    expect(p.stdout.at(-1)).toBe(`Sheet: https://docs.google.com/spreadsheets/d/${SHEET}/edit`);
  });

  it("finds Duban's deployment on a later page of the list, and leaves deployments made by hand alone", async () => {
    const p = await boundProject();
    expect(await deploy([], p.ctx)).toBe(0);
    const [duban] = google().versionedDeployments(SCRIPT);
    // Someone deployed a test from the Apps Script editor; its description is theirs.
    google().addDeployment(SCRIPT, {
      deploymentId: 'AKfycbByHandAbCdEfGhIjKlMnOpQrStUvWxYz',
      deploymentConfig: { scriptId: SCRIPT, versionNumber: 1, manifestFileName: 'appsscript', description: '试用' },
      updateTime: new Date().toISOString(),
      entryPoints: [],
    });
    google().deploymentsPageSize = 1;
    google().requests.length = 0;

    expect(await deploy([], p.ctx)).toBe(0);
    expect(
      google()
        .calls()
        .filter((c) => c.startsWith('GET')),
    ).toEqual([
      `GET /v1/projects/${SCRIPT}/deployments`,
      `GET /v1/projects/${SCRIPT}/deployments`,
      `GET /v1/projects/${SCRIPT}/deployments`,
    ]);
    expect(google().calls().at(-1)).toBe(`PUT /v1/projects/${SCRIPT}/deployments/${duban!.deploymentId}`);
    const byHand = google()
      .versionedDeployments(SCRIPT)
      .find((d) => d.deploymentId === 'AKfycbByHandAbCdEfGhIjKlMnOpQrStUvWxYz');
    expect(byHand!.deploymentConfig).toEqual({ scriptId: SCRIPT, versionNumber: 1, manifestFileName: 'appsscript', description: '试用' });
  });

  it('pushes but makes no version or deployment when the manifest declares no web app, and says so', async () => {
    const p = await boundProject({ webapp: null });
    expect(await deploy([], p.ctx)).toBe(0);
    expect(google().calls()).toEqual(['POST /token', `PUT /v1/projects/${SCRIPT}/content`]);
    expect(p.stderr).toEqual([
      'Not deployed as a web app: dist/appsscript.json declares no "webapp" block, so the links in notices (the unit\'s reply page, the inspector\'s page) cannot open; build from a checkout whose appsscript.json has "webapp": { "executeAs": "USER_DEPLOYING", "access": "ANYONE_ANONYMOUS" }, then run the command again.',
    ]);
  });

  it('a refused call (the Apps Script API turned off for the user) is one line saying what to do, and exit 1', async () => {
    const p = await boundProject();
    google().refuse('POST', /\/versions$/, 403, googleErrors.appsScriptApiOff());
    expect(await deploy([], p.ctx)).toBe(1);
    expect(p.stderr).toEqual([
      'The Apps Script API is turned off for your account: turn it on at https://script.google.com/home/usersettings, wait a few minutes, then run the command again.',
    ]);
    expect(google().versionedDeployments(SCRIPT)).toEqual([]);
  });

  it('a login made before the web app (without script.deployments) is told to log in again', async () => {
    const p = await boundProject();
    google().refuse(
      'GET',
      /\/deployments$/,
      403,
      googleErrors.insufficientScopes('script.googleapis.com', 'google.apps.script.management.v1.DeploymentsService.ListDeployments'),
    );
    expect(await deploy([], p.ctx)).toBe(1);
    expect(p.stderr).toEqual([
      `Your clasp login lacks the https://www.googleapis.com/auth/script.deployments scope needed to find the web app's deployment: ${LOGIN_AGAIN}`,
    ]);
  });

  it('--help tells about the web app', async () => {
    const p = await testProject(google());
    expect(await deploy(['--help'], p.ctx)).toBe(0);
    const help = p.stdout.join('\n');
    expect(help).toContain('web app');
    expect(help).toContain('Web app: https://script.google.com/macros/s/<id>/exec');
    expect(google().requests).toEqual([]);
  });
});
