/**
 * Why Google refused, in one sentence that names the cause and the fix.
 *
 * Google answers errors in two JSON shapes, both read here:
 * - the APIs (Drive v3, Sheets v4, Apps Script v1): `{"error": {"code", "message", "status",
 *   "errors": [{"reason", "domain", "message"}], "details": [{"@type": ".../google.rpc.ErrorInfo",
 *   "reason", "metadata"}]}}` (AIP-193; Drive still fills the older `errors[].reason`);
 * - the OAuth token endpoint, when a refresh fails: `{"error": "invalid_grant",
 *   "error_description": "Token has been expired or revoked."}`.
 *
 * The reasons recognised are the ones Google documents or is seen to send: "User has not enabled
 * the Apps Script API" (403, the per-user switch at script.google.com/home/usersettings),
 * SERVICE_DISABLED / accessNotConfigured (403, the API is off in the OAuth client's Cloud
 * project; metadata.activationUrl says where to turn it on), ACCESS_TOKEN_SCOPE_INSUFFICIENT /
 * insufficientPermissions (403), notFound (404: Drive also answers it for a file the scope does
 * not let this client see), rateLimitExceeded / userRateLimitExceeded (403 or 429) and
 * RESOURCE_EXHAUSTED (429), exportSizeLimitExceeded (403, files.export's 10 MB limit).
 *
 * A message never quotes a request: a GaxiosError carries the request's headers, and so the
 * access token; only Google's own words and the error's code are used.
 */
import { LOGIN_COMMAND } from './scopes';

export type RefusalKind =
  | 'notLoggedIn'
  | 'apiNotEnabled'
  | 'missingScope'
  | 'notFound'
  | 'notShared'
  | 'quota'
  | 'network'
  | 'exportTooLarge'
  | 'checkFailed'
  | 'other';

/** Google (or the pre-push check) said no: one line on stderr, exit 1. */
export class GoogleRefusal extends Error {
  constructor(
    readonly kind: RefusalKind,
    message: string,
  ) {
    super(message);
  }
}

/** What the command was doing, so the sentence can say what failed and which fix applies. */
export interface Attempt {
  /** e.g. "upload the workbook to Drive": completes "could not …". */
  action: string;
  /** The API called, as a person knows it. */
  api: 'Google Drive API' | 'Google Sheets API' | 'Apps Script API';
  /** The scope this call needs. */
  scope: string;
  /** The thing the call is about, when a 404 or 403 is about it. */
  target?: { kind: 'sheet' | 'script'; id: string };
}

interface ErrorInfo {
  '@type'?: string;
  reason?: string;
  metadata?: Record<string, string>;
}

interface ApiErrorBody {
  error?:
    | string
    | {
        code?: number;
        message?: string;
        status?: string;
        errors?: { reason?: string; message?: string }[];
        details?: ErrorInfo[];
      };
  error_description?: string;
}

const NETWORK_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'TimeoutError',
]);

const QUOTA_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'quotaExceeded', 'dailyLimitExceeded', 'RATE_LIMIT_EXCEEDED']);

interface ErrorLike {
  code?: unknown;
  cause?: unknown;
  status?: unknown;
  response?: { status?: number; data?: unknown };
}

/** The network error code, however deep fetch and gaxios have wrapped it. */
function networkCode(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as ErrorLike).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
    current = (current as ErrorLike).cause;
  }
  return undefined;
}

/** The response body as JSON: an export asked for bytes, so its error body comes as bytes too. */
function bodyOf(data: unknown): ApiErrorBody {
  let value = data;
  if (value instanceof ArrayBuffer) value = Buffer.from(value);
  if (value instanceof Uint8Array) value = Buffer.from(value).toString('utf8');
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return {};
    }
  }
  return value && typeof value === 'object' ? (value as ApiErrorBody) : {};
}

/** Google's own message, on one line and without its trailing "then retry" boilerplate. */
function googleSays(text: string | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim().replace(/\.$/, '');
}

function thing(attempt: Attempt): string {
  if (!attempt.target) return 'it';
  return attempt.target.kind === 'sheet' ? `the sheet ${attempt.target.id}` : `the Apps Script project ${attempt.target.id}`;
}

/** One Google call; whatever it throws becomes the sentence that says why and what to do. */
export async function askGoogle<T>(attempt: Attempt, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (e) {
    throw explainGoogleError(e, attempt);
  }
}

/** Turns whatever a Google call threw into the one sentence a person needs. */
export function explainGoogleError(err: unknown, attempt: Attempt): GoogleRefusal {
  if (err instanceof GoogleRefusal) return err;
  const code = networkCode(err);
  const e = (err ?? {}) as ErrorLike;
  const status = e.response?.status ?? (typeof e.status === 'number' ? e.status : undefined);
  if (status === undefined) {
    if (code) {
      return new GoogleRefusal(
        'network',
        `Could not reach Google to ${attempt.action} (${code}): check this computer's internet connection (or proxy), then run the command again.`,
      );
    }
    const text = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return new GoogleRefusal('other', `Could not ${attempt.action}: ${text}.`);
  }

  const body = bodyOf(e.response?.data);
  if (typeof body.error === 'string') {
    // The token endpoint: the refresh token is revoked or expired, or the client is wrong.
    const said = [body.error, body.error_description].filter(Boolean).join(': ');
    return new GoogleRefusal(
      'notLoggedIn',
      `Not logged in: Google refused to renew your clasp login (${googleSays(said)}); log in again with \`${LOGIN_COMMAND}\`.`,
    );
  }
  const error = body.error ?? {};
  const message = googleSays(error.message);
  const reasons = new Set<string>([
    ...(error.errors ?? []).map((x) => x.reason ?? ''),
    ...(error.details ?? []).map((x) => x.reason ?? ''),
  ]);
  const info = (error.details ?? []).find((x) => x.reason === 'SERVICE_DISABLED')?.metadata ?? {};

  if (status === 401) {
    return new GoogleRefusal(
      'notLoggedIn',
      `Not logged in: Google did not accept your clasp login (${message || 'HTTP 401'}); log in again with \`${LOGIN_COMMAND}\`.`,
    );
  }
  if (reasons.has('exportSizeLimitExceeded')) {
    return new GoogleRefusal(
      'exportTooLarge',
      `${capitalise(thing(attempt))} is larger than the 10 MB that Drive can export as .xlsx (Google said: ${message}): download it from Sheets instead (File → Download → Microsoft Excel (.xlsx)), or move old rows to another spreadsheet.`,
    );
  }
  if (/has not enabled the Apps Script API/i.test(message)) {
    return new GoogleRefusal(
      'apiNotEnabled',
      `The Apps Script API is turned off for your account: turn it on at https://script.google.com/home/usersettings, wait a few minutes, then run the command again.`,
    );
  }
  if (reasons.has('SERVICE_DISABLED') || reasons.has('accessNotConfigured')) {
    const api = info.serviceTitle ?? attempt.api;
    const where = info.activationUrl ?? 'https://console.cloud.google.com/apis/library';
    return new GoogleRefusal(
      'apiNotEnabled',
      `The ${api} is not enabled in the Google Cloud project of your OAuth client: enable it at ${where}, wait a few minutes, then run the command again.`,
    );
  }
  if (
    reasons.has('ACCESS_TOKEN_SCOPE_INSUFFICIENT') ||
    reasons.has('insufficientPermissions') ||
    /insufficient authentication scopes/i.test(message)
  ) {
    return new GoogleRefusal(
      'missingScope',
      `Your clasp login lacks the ${attempt.scope} scope needed to ${attempt.action}: log in again with \`${LOGIN_COMMAND}\`.`,
    );
  }
  if (status === 429 || error.status === 'RESOURCE_EXHAUSTED' || [...reasons].some((r) => QUOTA_REASONS.has(r))) {
    return new GoogleRefusal(
      'quota',
      `Google's quota for the ${attempt.api} is used up for now (${message || `HTTP ${status}`}): wait a few minutes (a daily limit: until tomorrow) and run the command again.`,
    );
  }
  if (status === 404) return new GoogleRefusal('notFound', notFoundSentence(attempt, message));
  if (status === 403) {
    return new GoogleRefusal(
      'notShared',
      `You may not ${attempt.action} (Google said: ${message || 'HTTP 403'}): ask the owner of ${thing(attempt)} to share it with you as an editor, or use one of your own.`,
    );
  }
  return new GoogleRefusal(
    'other',
    `Google refused to ${attempt.action} (HTTP ${status}${message ? `: ${message}` : ''}); run the command again, and if it keeps failing, do it by hand as README describes.`,
  );
}

function notFoundSentence(attempt: Attempt, message: string): string {
  const said = message ? ` (Google said: ${message})` : '';
  if (attempt.target?.kind === 'script') {
    return `Apps Script has no project ${attempt.target.id} that you can edit${said}: check the scriptId in .clasp.json, or bind a new script with \`npm run deploy -- --sheet <id or URL>\`.`;
  }
  if (attempt.target?.kind === 'sheet' && attempt.api === 'Google Drive API') {
    return `Google Drive shows these commands no sheet ${attempt.target.id}${said}: check the id or address and that the sheet is shared with you; with the drive.file scope they see only sheets they uploaded (\`npm run deploy -- --xlsx\`), so download any other from Sheets (File → Download → Microsoft Excel (.xlsx)).`;
  }
  if (attempt.target?.kind === 'sheet') {
    return `Google found no sheet ${attempt.target.id} that you can edit${said}: check the id or address, and that the sheet is shared with you as an editor.`;
  }
  return `Google found nothing to ${attempt.action} with${said}: check the ids given, then run the command again.`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
