/**
 * The Drive v3, Sheets v4 and Apps Script v1 clients of `googleapis`, signed in with clasp's login.
 *
 * DUBAN_GOOGLE_ROOT_URL sends every call (the APIs and the OAuth token endpoint) to another
 * root: the tests' local fake of Google. googleapis builds each method's URL from `rootUrl`
 * (`${rootUrl}drive/v3/files`, `${rootUrl}upload/drive/v3/files`, `${rootUrl}v4/spreadsheets/…`,
 * `${rootUrl}v1/projects`), and
 * google-auth-library takes its token URL from `endpoints.oauth2TokenUrl`.
 */
import { Auth, type drive_v3, google, type script_v1, type sheets_v4 } from 'googleapis';
import type { ClaspLogin } from './clasp-login';

/** How hard to retry what Google may answer later (429, 5xx, a dropped connection). */
export interface RetryPolicy {
  retries: number;
  /** The longest wait between two tries; gaxios doubles the wait each time up to this. */
  maxDelayMs: number;
}

/** Google asks clients to back off exponentially on 429 and 5xx (Drive's "Usage limits" guide). */
export const DEFAULT_RETRY: RetryPolicy = { retries: 3, maxDelayMs: 8_000 };

export interface GoogleClients {
  drive: drive_v3.Drive;
  /** Duban's marks (developer metadata) on the uploaded sheet: scripts/google/marks.ts. */
  sheets: sheets_v4.Sheets;
  script: script_v1.Script;
  /**
   * Options every call must also get. googleapis-common moves a client-wide rootUrl onto each
   * method's URL but not onto an upload's media URL (…/upload/drive/v3/files), which it builds
   * from the call's own options: without this, an upload would still go to www.googleapis.com.
   */
  perCall: { rootUrl?: string };
}

export function googleRootUrl(env: NodeJS.ProcessEnv): string | undefined {
  const root = env.DUBAN_GOOGLE_ROOT_URL;
  if (!root) return undefined;
  return root.endsWith('/') ? root : `${root}/`;
}

export function googleClients(login: ClaspLogin, env: NodeJS.ProcessEnv, retry: RetryPolicy = DEFAULT_RETRY): GoogleClients {
  const rootUrl = googleRootUrl(env);
  const auth = new Auth.OAuth2Client({
    clientId: login.clientId,
    clientSecret: login.clientSecret,
    ...(rootUrl ? { endpoints: { oauth2TokenUrl: `${rootUrl}token` } } : {}),
  });
  // Only the refresh token: the first call fetches a fresh access token, kept in memory.
  auth.setCredentials({ refresh_token: login.refreshToken });
  const options = {
    auth,
    ...(rootUrl ? { rootUrl } : {}),
    retry: retry.retries > 0,
    retryConfig: { retry: retry.retries, noResponseRetries: retry.retries, maxRetryDelay: retry.maxDelayMs },
  };
  return {
    drive: google.drive({ version: 'v3', ...options }),
    sheets: google.sheets({ version: 'v4', ...options }),
    script: google.script({ version: 'v1', ...options }),
    perCall: rootUrl ? { rootUrl } : {},
  };
}
