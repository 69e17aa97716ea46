/**
 * clasp's saved login, read as clasp 3 reads it (google/clasp src/auth/file_credential_store.ts):
 *
 * - the file is `~/.clasprc.json`, or what the `clasp_config_auth` variable names (a file, or a
 *   folder holding `.clasprc.json`), like clasp's own `--auth` option;
 * - clasp 3 keeps one login per user name in `tokens` (`clasp login --user <name>`; the
 *   default is "default"), each an `authorized_user` credential: client_id, client_secret,
 *   refresh_token, access_token, and expiry_date once refreshed;
 * - older files are still read for the default user: clasp 2's project-local form
 *   (`token` + `oauth2ClientSettings.clientId/clientSecret`) and its global form (top-level
 *   `access_token`/`refresh_token`, made with clasp's built-in client).
 *
 * Only the client id, client secret and refresh token are taken: each command gets a fresh
 * access token with them, in memory, and writes nothing back (clasp refreshes its own file
 * when it runs). Nothing read here is ever printed.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { GoogleRefusal } from './errors';
import { LOGIN_COMMAND } from './scopes';

/** clasp's built-in OAuth client (google/clasp src/auth/oauth_client.ts). */
export const CLASP_BUILT_IN_CLIENT_ID = '1072944905499-vm2v2i5dvn0a0d2o4ca36i1vge8cvbn0.apps.googleusercontent.com';

export interface ClaspLogin {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

interface StoredCredential {
  client_id?: string;
  client_secret?: string;
  refresh_token?: string;
}

interface ClasprcFile {
  tokens?: Record<string, StoredCredential | null | undefined>;
  token?: { refresh_token?: string };
  oauth2ClientSettings?: { clientId?: string; clientSecret?: string };
  refresh_token?: string;
}

/** Where clasp keeps its login, as clasp resolves it. */
export function claspAuthFile(env: NodeJS.ProcessEnv): string {
  const given = env.clasp_config_auth;
  if (given) return existsSync(given) && statSync(given).isDirectory() ? join(given, '.clasprc.json') : given;
  return join(homedir(), '.clasprc.json');
}

function notLoggedIn(cause: string, fix = `log in once with \`${LOGIN_COMMAND}\` (README: Deploying to a real sheet)`): GoogleRefusal {
  return new GoogleRefusal('notLoggedIn', `Not logged in: ${cause}; ${fix}.`);
}

function stored(file: ClasprcFile, user: string): StoredCredential | undefined {
  const v3 = file.tokens?.[user];
  if (v3) return v3;
  if (user !== 'default') return undefined;
  if (file.token && file.oauth2ClientSettings) {
    return {
      client_id: file.oauth2ClientSettings.clientId,
      client_secret: file.oauth2ClientSettings.clientSecret,
      refresh_token: file.token.refresh_token,
    };
  }
  if (file.refresh_token) return { client_id: CLASP_BUILT_IN_CLIENT_ID, refresh_token: file.refresh_token };
  return undefined;
}

/** The login of `user` in clasp's file, or a GoogleRefusal saying why there is none and how to log in. */
export function loadClaspLogin(env: NodeJS.ProcessEnv, user = 'default'): ClaspLogin {
  const path = claspAuthFile(env);
  if (!existsSync(path)) throw notLoggedIn(`there is no clasp login on this computer (${path} does not exist)`);
  let file: ClasprcFile;
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as ClasprcFile;
  } catch {
    // The parser's message could quote the file's content, which holds tokens: say only where.
    throw notLoggedIn(`${path} is not a JSON file clasp wrote`);
  }
  const credential = stored(file, user);
  if (!credential) {
    const who = user === 'default' ? 'the default clasp user' : `the clasp user "${user}"`;
    throw notLoggedIn(`${path} holds no login for ${who}`);
  }
  if (!credential.refresh_token || !credential.client_id) throw notLoggedIn(`the login in ${path} has no refresh token`);
  if (!credential.client_secret) {
    // clasp 3.x's built-in client is a public client (no secret), and Google's token endpoint
    // wants the secret of a Desktop client to refresh: these logins only work inside clasp.
    throw notLoggedIn(
      `the login in ${path} was made with ${credential.client_id === CLASP_BUILT_IN_CLIENT_ID ? "clasp's built-in OAuth client" : 'an OAuth client'}, which keeps no client secret, so it cannot be refreshed here`,
      `create a Desktop OAuth client and log in with it: \`${LOGIN_COMMAND}\` (README: Deploying to a real sheet)`,
    );
  }
  return { clientId: credential.client_id, clientSecret: credential.client_secret, refreshToken: credential.refresh_token };
}
