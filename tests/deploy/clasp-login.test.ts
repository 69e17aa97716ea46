/**
 * clasp's saved login, in the forms clasp writes it (google/clasp src/auth/file_credential_store.ts):
 * clasp 3's `tokens` map per user, and clasp 2's two older forms; and the one sentence for each
 * way of not being logged in, which never quotes the file's secrets.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLASP_BUILT_IN_CLIENT_ID, claspAuthFile, loadClaspLogin } from '../../scripts/google/clasp-login';
import { GoogleRefusal } from '../../scripts/google/errors';
import { clasprc, LOGIN, SECRETS } from './project';

function authFile(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'duban-clasprc-')), '.clasprc.json');
  writeFileSync(file, content);
  return file;
}

function refusal(env: NodeJS.ProcessEnv, user?: string): GoogleRefusal {
  try {
    loadClaspLogin(env, user);
  } catch (e) {
    if (e instanceof GoogleRefusal) return e;
    throw e;
  }
  throw new Error('expected no login');
}

const WANTED = { clientId: LOGIN.client_id, clientSecret: LOGIN.client_secret, refreshToken: LOGIN.refresh_token };

describe('clasp login', () => {
  it("reads clasp 3's tokens map: the default user, or the one named with --user", () => {
    const other = { ...LOGIN, refresh_token: '1//other-user-refresh' };
    const file = authFile(clasprc({ default: LOGIN, office: other }));
    expect(loadClaspLogin({ clasp_config_auth: file })).toEqual(WANTED);
    expect(loadClaspLogin({ clasp_config_auth: file }, 'office')).toEqual({ ...WANTED, refreshToken: '1//other-user-refresh' });
  });

  it('finds .clasprc.json in a folder named by clasp_config_auth, as clasp does, and in the home folder otherwise', () => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-auth-dir-'));
    writeFileSync(join(dir, '.clasprc.json'), clasprc());
    expect(loadClaspLogin({ clasp_config_auth: dir })).toEqual(WANTED);
    expect(claspAuthFile({})).toMatch(/\.clasprc\.json$/);
  });

  it("reads clasp 2's project-local form (token + oauth2ClientSettings) for the default user", () => {
    const file = authFile(
      JSON.stringify({
        token: { access_token: 'ya29.x', refresh_token: LOGIN.refresh_token, scope: 's', token_type: 'Bearer', expiry_date: 1 },
        oauth2ClientSettings: { clientId: LOGIN.client_id, clientSecret: LOGIN.client_secret, redirectUri: 'http://localhost' },
        isLocalCreds: true,
      }),
    );
    expect(loadClaspLogin({ clasp_config_auth: file })).toEqual(WANTED);
  });

  it.each([
    ['no file', undefined, 'default', 'there is no clasp login on this computer'],
    [
      'a file that is not JSON',
      `{"tokens": {"default": {"client_secret": "${LOGIN.client_secret}"`,
      'default',
      'is not a JSON file clasp wrote',
    ],
    ['no login for the default user', clasprc({ office: LOGIN }), 'default', 'holds no login for the default clasp user'],
    ['no login for a named user', clasprc(), 'office', 'holds no login for the clasp user "office"'],
    ['no refresh token', clasprc({ default: { ...LOGIN, refresh_token: undefined } as object }), 'default', 'has no refresh token'],
  ])('%s: not logged in, and how to log in', (_, content, user, cause) => {
    const file = content === undefined ? join(mkdtempSync(join(tmpdir(), 'duban-none-')), '.clasprc.json') : authFile(content);
    const e = refusal({ clasp_config_auth: file }, user);
    expect(e.kind).toBe('notLoggedIn');
    expect(e.message).toContain(`Not logged in: `);
    expect(e.message).toContain(cause);
    expect(e.message).toContain(
      'npx clasp login --creds <client_secret.json> --extra-scopes https://www.googleapis.com/auth/drive.file,https://www.googleapis.com/auth/script.projects,https://www.googleapis.com/auth/script.processes,https://www.googleapis.com/auth/script.deployments',
    );
    for (const secret of SECRETS) expect(e.message).not.toContain(secret);
  });

  it("says a login made with clasp's built-in client (no client secret) cannot be used, and to make a Desktop client", () => {
    const file = authFile(
      clasprc({ default: { client_id: CLASP_BUILT_IN_CLIENT_ID, type: 'authorized_user', refresh_token: LOGIN.refresh_token } }),
    );
    expect(refusal({ clasp_config_auth: file }).message).toBe(
      `Not logged in: the login in ${file} was made with clasp's built-in OAuth client, which keeps no client secret, so it cannot be refreshed here; create a Desktop OAuth client and log in with it: \`npx clasp login --creds <client_secret.json> --extra-scopes https://www.googleapis.com/auth/drive.file,https://www.googleapis.com/auth/script.projects,https://www.googleapis.com/auth/script.processes,https://www.googleapis.com/auth/script.deployments\` (README: Deploying to a real sheet).`,
    );
    // clasp 2's global form was always the built-in client, and kept no secret either.
    const legacy = authFile(JSON.stringify({ access_token: 'ya29.x', refresh_token: LOGIN.refresh_token, token_type: 'Bearer' }));
    expect(refusal({ clasp_config_auth: legacy }).message).toContain(
      "was made with clasp's built-in OAuth client, which keeps no client secret",
    );
  });
});
