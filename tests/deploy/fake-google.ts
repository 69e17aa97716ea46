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
 * - PUT  /v1/projects/{scriptId}/content: the Content resource (kept: a version snapshots it);
 * - POST /v1/projects/{scriptId}/versions: the Version resource (versionNumber 1, 2, … per script);
 * - GET  /v1/projects/{scriptId}/deployments?pageSize&pageToken: `{deployments, nextPageToken}`,
 *   the HEAD deployment first (no versionNumber, its web app URL ends in /dev), as Google lists it;
 * - POST /v1/projects/{scriptId}/deployments (a DeploymentConfig) and
 *   PUT  /v1/projects/{scriptId}/deployments/{deploymentId} (`{deploymentConfig}`): the Deployment,
 *   whose entryPoints hold a WEB_APP entry (webApp.url https://script.google.com/macros/s/<id>/exec,
 *   webApp.entryPointConfig as the version's manifest declares it) only when that version's
 *   appsscript.json has a `webapp` block; an unknown version: Google's 400; an unknown deployment: 404;
 * - GET  /v1/processes:listScriptProcesses?scriptId=…: `{processes: […]}`;
 * - GET  /v4/spreadsheets/{id}?fields=…: the Spreadsheet resource (its sheets' properties, its
 *   named ranges; empty lists left out, as Google leaves them out);
 * - POST /v4/spreadsheets/{id}:batchUpdate: applies createDeveloperMetadata, deleteNamedRange and
 *   appendDimension all or nothing (an invalid request: Google's 400, nothing applied);
 * - POST /v4/spreadsheets/{id}/developerMetadata:search: the metadata matching any of the
 *   dataFilters' developerMetadataLookup (locationType, metadataKey, metadataId, visibility).
 *
 * An upload becomes a spreadsheet here as Google's import makes one: a sheet per worksheet of the
 * .xlsx, in order, with its grid (`importGrid`), and no developer metadata; its defined names
 * become what `namedRangesOnImport` says (by default none: Google's named ranges cannot hold a '.').
 * Exporting that spreadsheet gives the uploaded .xlsx back without its `_DevMeta.` names, as
 * Google would; any other sheet exports as `exportBytes`.
 *
 * API calls without the access token it issued get Google's 401. `refuse()` makes a route
 * answer an error instead, with Google's error bodies from `googleErrors` below.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { script_v1, sheets_v4 } from 'googleapis';
import JSZip from 'jszip';

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

/** A spreadsheet as the Sheets API holds it, and the .xlsx it was imported from. */
export interface FakeSpreadsheet {
  sheets: { properties: { sheetId: number; title: string; index: number; gridProperties: { rowCount: number; columnCount: number } } }[];
  namedRanges: { namedRangeId: string; name: string; range: sheets_v4.Schema$GridRange }[];
  developerMetadata: sheets_v4.Schema$DeveloperMetadata[];
  source?: Buffer;
}

/** A script's pushed files, versions and deployments, as the Apps Script API keeps them. */
export interface FakeScript {
  files: { name?: string; type?: string; source?: string }[];
  versions: { versionNumber: number; description?: string; createTime: string; files: FakeScript['files'] }[];
  deployments: script_v1.Schema$Deployment[];
}

/** Google gives a sheet made by import an id of its own: not its position (the first one 0 here). */
export function importedSheetId(index: number): number {
  return index === 0 ? 0 : 184_000_000 + 7919 * index;
}

export class FakeGoogle {
  readonly requests: RecordedRequest[] = [];
  /** What files.export answers for any sheet. */
  exportBytes: Buffer = Buffer.from('PK\u0003\u0004 fake xlsx bytes');
  processes: FakeProcess[] = [];
  /** The script projects there are, by id: those created here, and those a test puts in. */
  readonly projects = new Map<string, { title?: string; parentId?: string }>();
  /** The spreadsheets the Sheets API knows, by id: those uploaded here, and those a test puts in. */
  readonly spreadsheets = new Map<string, FakeSpreadsheet>();
  /** Each script's content, versions and deployments, by id: made on first use (HEAD deployment included). */
  private readonly scriptStates = new Map<string, FakeScript>();
  /** How many deployments one page of deployments.list holds at most (Google's default: 50). */
  deploymentsPageSize = 50;
  /** The grid Google's import gives each sheet. */
  importGrid = { rowCount: 1000, columnCount: 26 };
  /** Which defined names of an uploaded .xlsx Google's import keeps as named ranges, and under what name. */
  namedRangesOnImport: (definedNames: string[]) => string[] = () => [];
  /** The title Google's import gives a worksheet (by default its own name). */
  importedTitle: (name: string) => string = (name) => name;
  private refusals: Refusal[] = [];
  private server: Server | undefined;
  private ids = 0;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.answer(req, Buffer.concat(chunks), res).catch((e: unknown) => {
          res.writeHead(500, { 'content-type': 'application/json; charset=UTF-8' });
          res.end(JSON.stringify({ error: { code: 500, message: `fake Google failed: ${String(e)}`, status: 'INTERNAL' } }));
        });
      });
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

  /** A spreadsheet made in Sheets (not uploaded here): these sheets, no metadata, no named ranges. */
  addSpreadsheet(id: string, titles: string[]): FakeSpreadsheet {
    const spreadsheet: FakeSpreadsheet = {
      sheets: titles.map((title, index) => ({
        properties: { sheetId: importedSheetId(index), title, index, gridProperties: { ...this.importGrid } },
      })),
      namedRanges: [],
      developerMetadata: [],
    };
    this.spreadsheets.set(id, spreadsheet);
    return spreadsheet;
  }

  /** A script as the Apps Script API holds it; a new one has only its HEAD deployment. */
  script(scriptId: string): FakeScript {
    let state = this.scriptStates.get(scriptId);
    if (!state) {
      const head = `AKfycbHEAD${scriptId.slice(0, 12)}`;
      state = {
        files: [],
        versions: [],
        deployments: [
          {
            deploymentId: head,
            deploymentConfig: { scriptId, manifestFileName: 'appsscript' },
            updateTime: new Date().toISOString(),
            entryPoints: [{ entryPointType: 'WEB_APP', webApp: { url: `https://script.google.com/macros/s/${head}/dev` } }],
          },
        ],
      };
      this.scriptStates.set(scriptId, state);
    }
    return state;
  }

  /** A deployment someone made by hand in the Apps Script editor (Deploy → New deployment). */
  addDeployment(scriptId: string, deployment: script_v1.Schema$Deployment): void {
    this.script(scriptId).deployments.push(deployment);
  }

  /** The script's deployments other than HEAD. */
  versionedDeployments(scriptId: string): script_v1.Schema$Deployment[] {
    return this.script(scriptId).deployments.filter((d) => d.deploymentConfig?.versionNumber != null);
  }

  /** The requests as "METHOD /path", the order the commands made them in. */
  calls(): string[] {
    return this.requests.map((r) => `${r.method} ${r.path}`);
  }

  /** The spreadsheet Google's import makes of an .xlsx (see the file's comment). */
  private async imported(xlsx: Buffer): Promise<FakeSpreadsheet> {
    const names = await workbookNames(xlsx);
    const sheets = names.sheets.map((name, index) => ({
      properties: { sheetId: importedSheetId(index), title: this.importedTitle(name), index, gridProperties: { ...this.importGrid } },
    }));
    const namedRanges = this.namedRangesOnImport(names.definedNames).map((name, i) => ({
      namedRangeId: `nr${String(i + 1).padStart(4, '0')}`,
      name,
      range: { sheetId: 0 },
    }));
    return { sheets, namedRanges, developerMetadata: [], source: xlsx };
  }

  private async answer(req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<void> {
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
      const [meta, media] = multipartParts(recorded);
      const metadata = JSON.parse(meta!.body.toString('utf8')) as { name?: string; mimeType?: string };
      const fileId = id('1sheet');
      if (media && metadata.mimeType === 'application/vnd.google-apps.spreadsheet') {
        this.spreadsheets.set(fileId, await this.imported(media.body));
      }
      return json(200, { id: fileId, name: metadata.name, mimeType: metadata.mimeType });
    }
    const exportMatch = /^\/drive\/v3\/files\/([^/]+)\/export$/.exec(recorded.path);
    if (recorded.method === 'GET' && exportMatch) {
      const source = this.spreadsheets.get(exportMatch[1]!)?.source;
      res.writeHead(200, { 'content-type': recorded.query.mimeType ?? 'application/octet-stream' });
      return void res.end(source ? await withoutDevMetaNames(source) : this.exportBytes);
    }
    const sheetsMatch = /^\/v4\/spreadsheets\/([^/:]+)(:batchUpdate|\/developerMetadata:search)?$/.exec(recorded.path);
    if (sheetsMatch) {
      const spreadsheet = this.spreadsheets.get(sheetsMatch[1]!);
      if (!spreadsheet) return json(404, googleErrors.sheetsNotFound());
      const [status, answer] = sheetsAnswer(recorded.method, sheetsMatch[1]!, sheetsMatch[2] ?? '', spreadsheet, body);
      return json(status, answer);
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
      const request = JSON.parse(body.toString('utf8')) as { files?: FakeScript['files'] };
      this.script(contentMatch[1]!).files = request.files ?? [];
      return json(200, { scriptId: contentMatch[1], files: request.files });
    }
    const versionsOrDeployments = /^\/v1\/projects\/([^/]+)\/(versions|deployments)(?:\/([^/]+))?$/.exec(recorded.path);
    if (versionsOrDeployments) {
      const [, scriptId, what, deploymentId] = versionsOrDeployments;
      const [status, answer] =
        what === 'versions'
          ? versionAnswer(recorded.method, scriptId!, this.script(scriptId!), body)
          : deploymentAnswer(recorded, scriptId!, deploymentId, this.script(scriptId!), this.deploymentsPageSize, () => id('AKfycb'));
      return json(status, answer);
    }
    if (recorded.method === 'GET' && recorded.path === '/v1/processes:listScriptProcesses') {
      return json(200, this.processes.length ? { processes: this.processes } : {});
    }
    return json(404, { error: { code: 404, message: `fake Google has no ${recorded.method} ${recorded.path}`, status: 'NOT_FOUND' } });
  }
}

type ScriptAnswer = [number, unknown];

const notFound = (what: string): ScriptAnswer => [
  404,
  { error: { code: 404, message: `fake Google has no ${what}`, status: 'NOT_FOUND' } },
];
const invalidArgument = (message: string): ScriptAnswer => [400, { error: { code: 400, message, status: 'INVALID_ARGUMENT' } }];

/** projects.versions.create: a snapshot of the content pushed last. */
function versionAnswer(method: string, scriptId: string, state: FakeScript, body: Buffer): ScriptAnswer {
  if (method !== 'POST') return notFound(`${method} versions`);
  const request = JSON.parse(body.toString('utf8')) as script_v1.Schema$Version;
  if (state.files.length === 0) return invalidArgument('The script project has no content to make a version of.');
  const version = {
    versionNumber: state.versions.length + 1,
    ...(request.description ? { description: request.description } : {}),
    createTime: new Date().toISOString(),
    files: state.files,
  };
  state.versions.push(version);
  return [200, { scriptId, versionNumber: version.versionNumber, description: version.description, createTime: version.createTime }];
}

/** The entry points Google gives a deployment of this version: a web app only when its manifest declares one. */
function entryPointsOf(deploymentId: string, files: FakeScript['files']): script_v1.Schema$EntryPoint[] {
  const manifest = files.find((f) => f.name === 'appsscript' && f.type === 'JSON');
  const webapp = (JSON.parse(manifest?.source ?? '{}') as { webapp?: script_v1.Schema$GoogleAppsScriptTypeWebAppConfig }).webapp;
  if (!webapp) return [];
  return [
    {
      entryPointType: 'WEB_APP',
      webApp: {
        url: `https://script.google.com/macros/s/${deploymentId}/exec`,
        entryPointConfig: { access: webapp.access, executeAs: webapp.executeAs },
      },
    },
  ];
}

/** projects.deployments: list (paged, HEAD first), create, update. */
function deploymentAnswer(
  request: RecordedRequest,
  scriptId: string,
  deploymentId: string | undefined,
  state: FakeScript,
  pageSize: number,
  newId: () => string,
): ScriptAnswer {
  const deployed = (id: string, config: script_v1.Schema$DeploymentConfig): script_v1.Schema$Deployment | ScriptAnswer => {
    const version = state.versions.find((v) => v.versionNumber === config.versionNumber);
    if (!version) return invalidArgument(`Invalid version number: ${config.versionNumber}.`);
    return {
      deploymentId: id,
      deploymentConfig: {
        scriptId,
        versionNumber: version.versionNumber,
        manifestFileName: config.manifestFileName,
        description: config.description,
      },
      updateTime: new Date().toISOString(),
      entryPoints: entryPointsOf(id, version.files),
    };
  };
  if (request.method === 'GET' && !deploymentId) {
    const size = Math.min(Number(request.query.pageSize ?? 50), pageSize);
    const from = Number(request.query.pageToken ?? 0);
    const page = state.deployments.slice(from, from + size);
    const more = from + size < state.deployments.length;
    return [200, { ...(page.length ? { deployments: page } : {}), ...(more ? { nextPageToken: String(from + size) } : {}) }];
  }
  if (request.method === 'POST' && !deploymentId) {
    const made = deployed(newId(), JSON.parse(request.body.toString('utf8')) as script_v1.Schema$DeploymentConfig);
    if (Array.isArray(made)) return made;
    state.deployments.push(made);
    return [200, made];
  }
  if (request.method === 'PUT' && deploymentId) {
    const at = state.deployments.findIndex((d) => d.deploymentId === deploymentId);
    if (at < 0) return notFound(`deployment ${deploymentId}`);
    if (state.deployments[at]!.deploymentConfig?.versionNumber == null) return invalidArgument('The HEAD deployment cannot be updated.');
    const config = (JSON.parse(request.body.toString('utf8')) as script_v1.Schema$UpdateDeploymentRequest).deploymentConfig ?? {};
    const made = deployed(deploymentId, config);
    if (Array.isArray(made)) return made;
    state.deployments[at] = made;
    return [200, made];
  }
  return notFound(`${request.method} deployments`);
}

/** The worksheets' names and the defined names in an .xlsx's workbook.xml. */
async function workbookNames(xlsx: Buffer): Promise<{ sheets: string[]; definedNames: string[] }> {
  const xml = (await (await JSZip.loadAsync(xlsx)).file('xl/workbook.xml')?.async('string')) ?? '';
  const attr = (tag: string): string[] =>
    [...xml.matchAll(new RegExp(`<(?:\\w+:)?${tag}\\b[^>]*?\\bname="([^"]*)"`, 'g'))].map((m) => unescapeXml(m[1]!));
  return { sheets: attr('sheet'), definedNames: attr('definedName') };
}

function unescapeXml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The .xlsx as Google exports the sheet made from it: Duban's defined names are gone. */
async function withoutDevMetaNames(xlsx: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  const xml = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
  const kept = xml
    .replace(/<definedName\b[^>]*\bname="_DevMeta\.[^"]*"[^>]*>[^<]*<\/definedName>/g, '')
    .replace(/<definedNames>\s*<\/definedNames>|<definedNames\/>/g, '');
  zip.file('xl/workbook.xml', kept);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

type SheetsAnswer = [number, unknown];

/** The Sheets API v4 routes on one spreadsheet: get, batchUpdate, developerMetadata.search. */
function sheetsAnswer(method: string, id: string, verb: string, s: FakeSpreadsheet, body: Buffer): SheetsAnswer {
  if (method === 'GET' && verb === '') {
    return [200, { spreadsheetId: id, sheets: s.sheets, ...(s.namedRanges.length ? { namedRanges: s.namedRanges } : {}) }];
  }
  if (method === 'POST' && verb === ':batchUpdate') {
    const request = JSON.parse(body.toString('utf8')) as sheets_v4.Schema$BatchUpdateSpreadsheetRequest;
    return batchUpdate(id, s, request.requests ?? []);
  }
  if (method === 'POST' && verb === '/developerMetadata:search') {
    const request = JSON.parse(body.toString('utf8')) as sheets_v4.Schema$SearchDeveloperMetadataRequest;
    const matched = s.developerMetadata
      .map((developerMetadata) => ({
        developerMetadata,
        dataFilters: (request.dataFilters ?? []).filter((f) => lookupMatches(f.developerMetadataLookup ?? {}, developerMetadata)),
      }))
      .filter((m) => m.dataFilters.length > 0);
    return [200, matched.length ? { matchedDeveloperMetadata: matched } : {}];
  }
  return [404, { error: { code: 404, message: `fake Google has no ${method} ${verb}`, status: 'NOT_FOUND' } }];
}

function lookupMatches(lookup: sheets_v4.Schema$DeveloperMetadataLookup, md: sheets_v4.Schema$DeveloperMetadata): boolean {
  return (
    (lookup.locationType == null || lookup.locationType === md.location?.locationType) &&
    (lookup.metadataKey == null || lookup.metadataKey === md.metadataKey) &&
    (lookup.metadataId == null || lookup.metadataId === md.metadataId) &&
    (lookup.visibility == null || lookup.visibility === md.visibility)
  );
}

/** All or nothing, as Google applies a batch: the first invalid request answers 400 and nothing changes. */
function batchUpdate(id: string, s: FakeSpreadsheet, requests: sheets_v4.Schema$Request[]): SheetsAnswer {
  const grid = new Map(s.sheets.map((sh) => [sh.properties.sheetId, { ...sh.properties.gridProperties }]));
  const metadata = [...s.developerMetadata];
  let named = [...s.namedRanges];
  const replies: object[] = [];
  const invalid = (i: number, what: string, why: string): SheetsAnswer => [
    400,
    { error: { code: 400, message: `Invalid requests[${i}].${what}: ${why}`, status: 'INVALID_ARGUMENT' } },
  ];
  for (const [i, r] of requests.entries()) {
    if (r.appendDimension) {
      const g = grid.get(r.appendDimension.sheetId ?? -1);
      if (!g) return invalid(i, 'appendDimension', `No grid with id: ${r.appendDimension.sheetId}`);
      if (r.appendDimension.dimension === 'COLUMNS') g.columnCount += r.appendDimension.length ?? 0;
      else g.rowCount += r.appendDimension.length ?? 0;
      replies.push({});
    } else if (r.deleteNamedRange) {
      const before = named.length;
      named = named.filter((n) => n.namedRangeId !== r.deleteNamedRange!.namedRangeId);
      if (named.length === before) return invalid(i, 'deleteNamedRange', `No named range with id: ${r.deleteNamedRange.namedRangeId}`);
      replies.push({});
    } else if (r.createDeveloperMetadata) {
      const made = createdMetadata(r.createDeveloperMetadata.developerMetadata ?? {}, grid, metadata);
      if (typeof made === 'string') return invalid(i, 'createDeveloperMetadata', made);
      metadata.push(made);
      replies.push({ createDeveloperMetadata: { developerMetadata: made } });
    } else {
      return invalid(i, Object.keys(r)[0] ?? 'request', 'not a request the fake knows');
    }
  }
  for (const sh of s.sheets) sh.properties.gridProperties = grid.get(sh.properties.sheetId)!;
  s.developerMetadata = metadata;
  s.namedRanges = named;
  return [200, { spreadsheetId: id, replies }];
}

/** The metadata as Google stores it (its location typed), or why Google would refuse it. */
function createdMetadata(
  md: sheets_v4.Schema$DeveloperMetadata,
  grid: Map<number, { rowCount: number; columnCount: number }>,
  existing: sheets_v4.Schema$DeveloperMetadata[],
): sheets_v4.Schema$DeveloperMetadata | string {
  if (!md.metadataKey) return 'Developer metadata must have a key.';
  if (md.visibility !== 'DOCUMENT' && md.visibility !== 'PROJECT') return 'Developer metadata must have a visibility.';
  if (md.metadataId != null && existing.some((e) => e.metadataId === md.metadataId))
    return `Developer metadata with id ${md.metadataId} already exists.`;
  const at = md.location ?? {};
  let location: sheets_v4.Schema$DeveloperMetadataLocation;
  if (at.spreadsheet) location = { locationType: 'SPREADSHEET', spreadsheet: true };
  else if (at.dimensionRange) {
    const d = at.dimensionRange;
    const g = grid.get(d.sheetId ?? -1);
    if (!g) return `No grid with id: ${d.sheetId}`;
    if (d.startIndex == null || d.endIndex !== d.startIndex + 1) return 'The location must be a single row or column.';
    const size = d.dimension === 'COLUMNS' ? g.columnCount : g.rowCount;
    if (d.endIndex > size) return `Range ${d.dimension} ${d.startIndex} is out of the grid's bounds (${size}).`;
    location = { locationType: d.dimension === 'COLUMNS' ? 'COLUMN' : 'ROW', dimensionRange: d };
  } else if (at.sheetId != null) {
    if (!grid.has(at.sheetId)) return `No grid with id: ${at.sheetId}`;
    location = { locationType: 'SHEET', sheetId: at.sheetId };
  } else return 'Developer metadata must have a location.';
  const metadataId = md.metadataId ?? 900_000 + existing.length;
  return {
    metadataId,
    metadataKey: md.metadataKey,
    ...(md.metadataValue != null ? { metadataValue: md.metadataValue } : {}),
    location,
    visibility: md.visibility,
  };
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
  sheetsNotFound: () => ({ error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' } }),
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
