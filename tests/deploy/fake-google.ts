/**
 * A local fake of the Google endpoints the deploy/pull/status commands call, on 127.0.0.1 (no
 * test reaches the network). It records every request as it arrived (method, path, query,
 * headers, raw body) and answers as Google documents:
 *
 * - POST /token (OAuth 2.0 refresh): `{access_token, expires_in, scope, token_type}`;
 * - POST /upload/drive/v3/files?uploadType=multipart: the Drive File resource;
 * - GET  /drive/v3/files/{id}/export?mimeType=…: the exported bytes;
 * - POST /v1/projects: the Apps Script Project resource;
 * - GET  /v1/projects/{scriptId}: the Project resource (its parentId is the bound sheet);
 * - PUT  /v1/projects/{scriptId}/content: the Content resource;
 * - GET  /v1/processes:listScriptProcesses?scriptId=…: `{processes: […]}`.
 *
 * API calls without the access token it issued get Google's 401. `refuse()` makes a route
 * answer an error instead, with Google's error bodies from `googleErrors` below.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export interface Refusal {
  method: string;
  path: RegExp;
  status: number;
  body: unknown;
  /** How many requests it answers; then the route works again. */
  times: number;
}

export const FAKE_ACCESS_TOKEN = 'ya29.fake-access-token-never-printed';

export interface FakeProcess {
  projectName?: string;
  functionName?: string;
  processType?: string;
  processStatus?: string;
  userAccessLevel?: string;
  startTime?: string;
  duration?: string;
}

export class FakeGoogle {
  readonly requests: RecordedRequest[] = [];
  /** What files.export answers for any sheet. */
  exportBytes: Buffer = Buffer.from('PK\u0003\u0004 fake xlsx bytes');
  processes: FakeProcess[] = [];
  /** The script projects there are, by id: those created here, and those a test puts in. */
  readonly projects = new Map<string, { title?: string; parentId?: string }>();
  private refusals: Refusal[] = [];
  private server: Server | undefined;
  private ids = 0;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.answer(req, Buffer.concat(chunks), res));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  refuse(method: string, path: RegExp, status: number, body: unknown, times = Number.POSITIVE_INFINITY): void {
    this.refusals.push({ method, path, status, body, times });
  }

  /** The requests as "METHOD /path", the order the commands made them in. */
  calls(): string[] {
    return this.requests.map((r) => `${r.method} ${r.path}`);
  }

  private answer(req: IncomingMessage, body: Buffer, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.url);
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body,
    };
    this.requests.push(recorded);
    const json = (status: number, value: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
      res.end(JSON.stringify(value));
    };

    if (recorded.path !== '/token' && req.headers.authorization !== `Bearer ${FAKE_ACCESS_TOKEN}`)
      return json(401, googleErrors.unauthenticated());
    const refusal = this.refusals.find((r) => r.times > 0 && r.method === recorded.method && r.path.test(recorded.path));
    if (refusal) {
      refusal.times--;
      return json(refusal.status, refusal.body);
    }
    if (recorded.method === 'POST' && recorded.path === '/token') {
      return json(200, {
        access_token: FAKE_ACCESS_TOKEN,
        expires_in: 3599,
        scope: 'https://www.googleapis.com/auth/drive.file',
        token_type: 'Bearer',
      });
    }

    const id = (prefix: string): string => `${prefix}${String(++this.ids).padStart(3, '0')}AbCdEfGhIjKlMnOpQrStUvWxYz0123456789`;
    if (recorded.method === 'POST' && recorded.path === '/upload/drive/v3/files') {
      const metadata = JSON.parse(multipartParts(recorded)[0]!.body.toString('utf8')) as { name?: string; mimeType?: string };
      return json(200, { id: id('1sheet'), name: metadata.name, mimeType: metadata.mimeType });
    }
    const exportMatch = /^\/drive\/v3\/files\/([^/]+)\/export$/.exec(recorded.path);
    if (recorded.method === 'GET' && exportMatch) {
      res.writeHead(200, { 'content-type': recorded.query.mimeType ?? 'application/octet-stream' });
      return void res.end(this.exportBytes);
    }
    if (recorded.method === 'POST' && recorded.path === '/v1/projects') {
      const request = JSON.parse(body.toString('utf8')) as { title?: string; parentId?: string };
      const now = new Date().toISOString();
      const scriptId = id('1script');
      this.projects.set(scriptId, { title: request.title, parentId: request.parentId });
      return json(200, { scriptId, title: request.title, parentId: request.parentId, createTime: now, updateTime: now });
    }
    const projectMatch = /^\/v1\/projects\/([^/]+)$/.exec(recorded.path);
    if (recorded.method === 'GET' && projectMatch) {
      const project = this.projects.get(projectMatch[1]!);
      return project ? json(200, { scriptId: projectMatch[1], ...project }) : json(404, googleErrors.scriptNotFound());
    }
    const contentMatch = /^\/v1\/projects\/([^/]+)\/content$/.exec(recorded.path);
    if (recorded.method === 'PUT' && contentMatch) {
      const request = JSON.parse(body.toString('utf8')) as { files?: unknown[] };
      return json(200, { scriptId: contentMatch[1], files: request.files });
    }
    if (recorded.method === 'GET' && recorded.path === '/v1/processes:listScriptProcesses') {
      return json(200, this.processes.length ? { processes: this.processes } : {});
    }
    return json(404, { error: { code: 404, message: `fake Google has no ${recorded.method} ${recorded.path}`, status: 'NOT_FOUND' } });
  }
}

/** The parts of a multipart/related body (Drive's multipart upload), each with its content type. */
export function multipartParts(request: RecordedRequest): { contentType: string; body: Buffer }[] {
  const boundary = /boundary=([^;]+)/.exec(String(request.headers['content-type']))?.[1];
  if (!boundary) throw new Error(`not multipart: ${String(request.headers['content-type'])}`);
  const parts: { contentType: string; body: Buffer }[] = [];
  const delimiter = Buffer.from(`--${boundary}`);
  let at = request.body.indexOf(delimiter);
  while (at >= 0) {
    const next = request.body.indexOf(delimiter, at + delimiter.length);
    if (next < 0) break;
    const part = request.body.subarray(at + delimiter.length, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, headerEnd).toString('utf8');
    // A part ends with the CRLF that precedes the next delimiter.
    let content = part.subarray(headerEnd + 4);
    if (content.subarray(-2).toString() === '\r\n') content = content.subarray(0, -2);
    parts.push({ contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? '', body: content });
    at = next;
  }
  return parts;
}

/**
 * Google's error bodies, as its APIs send them (AIP-193 JSON; Drive also fills the v1
 * `errors[]` list). The texts are Google's.
 */
export const googleErrors = {
  unauthenticated: () => ({
    error: {
      code: 401,
      message:
        'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
      status: 'UNAUTHENTICATED',
    },
  }),
  /** The per-user switch at script.google.com/home/usersettings is off. */
  appsScriptApiOff: () => {
    const message =
      'User has not enabled the Apps Script API. Enable it by visiting https://script.google.com/home/usersettings then retry. If you enabled this API recently, wait a few minutes for the action to propagate to our systems and retry.';
    return { error: { code: 403, message, errors: [{ message, domain: 'global', reason: 'forbidden' }], status: 'PERMISSION_DENIED' } };
  },
  /** The API is not enabled in the OAuth client's Cloud project. */
  serviceDisabled: (service: string, title: string, project = '123456789012') => {
    const activationUrl = `https://console.developers.google.com/apis/api/${service}/overview?project=${project}`;
    const message = `${title} has not been used in project ${project} before or it is disabled. Enable it by visiting ${activationUrl} then retry. If you enabled this API recently, wait a few minutes for the action to propagate to our systems and retry.`;
    return {
      error: {
        code: 403,
        message,
        errors: [{ message, domain: 'usageLimits', reason: 'accessNotConfigured', extendedHelp: 'https://console.developers.google.com' }],
        status: 'PERMISSION_DENIED',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'SERVICE_DISABLED',
            domain: 'googleapis.com',
            metadata: { service, consumer: `projects/${project}`, serviceTitle: title, containerInfo: project, activationUrl },
          },
        ],
      },
    };
  },
  insufficientScopes: (service: string, method: string) => ({
    error: {
      code: 403,
      message: 'Request had insufficient authentication scopes.',
      errors: [{ message: 'Insufficient Permission', domain: 'global', reason: 'insufficientPermissions' }],
      status: 'PERMISSION_DENIED',
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
          domain: 'googleapis.com',
          metadata: { service, method },
        },
      ],
    },
  }),
  driveFileNotFound: (fileId: string) => ({
    error: {
      code: 404,
      message: `File not found: ${fileId}.`,
      errors: [
        { message: `File not found: ${fileId}.`, domain: 'global', reason: 'notFound', location: 'fileId', locationType: 'parameter' },
      ],
    },
  }),
  scriptNotFound: () => ({ error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' } }),
  noPermission: () => ({
    error: {
      code: 403,
      message: 'The caller does not have permission',
      errors: [{ message: 'The caller does not have permission', domain: 'global', reason: 'forbidden' }],
      status: 'PERMISSION_DENIED',
    },
  }),
  exportTooLarge: () => ({
    error: {
      code: 403,
      message: 'This file is too large to be exported.',
      errors: [{ domain: 'global', reason: 'exportSizeLimitExceeded', message: 'This file is too large to be exported.' }],
    },
  }),
  driveUserRateLimit: () => ({
    error: {
      code: 403,
      message: 'User Rate Limit Exceeded. Rate of requests for user exceed configured project quota.',
      errors: [
        {
          domain: 'usageLimits',
          reason: 'userRateLimitExceeded',
          message: 'User Rate Limit Exceeded. Rate of requests for user exceed configured project quota.',
        },
      ],
    },
  }),
  driveRateLimit429: () => ({
    error: {
      code: 429,
      message: 'Rate Limit Exceeded',
      errors: [{ domain: 'usageLimits', reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' }],
    },
  }),
  scriptQuota429: () => ({
    error: {
      code: 429,
      message:
        "Quota exceeded for quota metric 'Management requests' and limit 'Management requests per minute per user' of service 'script.googleapis.com'.",
      status: 'RESOURCE_EXHAUSTED',
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'RATE_LIMIT_EXCEEDED',
          domain: 'googleapis.com',
          metadata: { service: 'script.googleapis.com' },
        },
      ],
    },
  }),
  /** The token endpoint's answer to a revoked or expired refresh token. */
  invalidGrant: () => ({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' }),
};
