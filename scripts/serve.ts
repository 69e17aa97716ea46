/**
 * `npm run local -- serve`: the web app on this computer, through the real bundle in the local
 * runtime, for a phone-sized browser (and the Playwright tests).
 *
 *   npm run local -- serve --workbook <file.xlsx> --now <ISO> --out <dir> [--port N] [--tz <zone>]
 *
 * GET /exec?t=<token> runs doGet and serves its HtmlOutput (title and meta tags in the head, as
 * Google's outer page carries them) with a small `google.script.run` stand-in that POSTs
 * `{ fn, args }` to /exec/run; POST /exec runs doPost. After every accepted submission (a server
 * function answering `{ ok: true }`) the workbook is written to <dir>, new mails to <dir>/outbox
 * (as sweep writes them), the script's properties beside the workbook (the links' secret and
 * generations, read back from beside --workbook: scripts/script-properties.ts); Drive files are kept under <dir>/drive and served at /drive/… . The
 * clock starts at --now and runs on with real time. Listens on 127.0.0.1 only.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join, resolve, sep } from 'node:path';
import { writeEml } from '../runtime/eml';
import { CONTENT_TYPES, htmlOutputOf, LocalRuntime, textOutputOf } from '../runtime/index';
import type { WorkbookModel } from '../runtime/model';
import { exportXlsx } from '../runtime/xlsx';
import { parseUnits } from '../src/core/directory/units';
import { allTexts } from '../src/core/i18n';
import { parseInspectors } from '../src/core/webapp/inspectors';
import { encodeLink } from '../src/core/webapp/token';
import { saveScriptProperties, scriptPropertiesFile } from './script-properties';

export interface ServeOptions {
  workbook: string;
  model: WorkbookModel;
  code: string;
  now: Date;
  out: string;
  port: number;
  timeZone: string;
  /** The bound script's properties an earlier run kept (scripts/script-properties.ts): the links' secret and generations. */
  scriptProperties?: Record<string, string>;
}

export interface ServedLink {
  role: 'unit' | 'inspector';
  subject: string;
  name: string;
  url: string;
}

export interface Serving {
  url: string;
  links: ServedLink[];
  runtime: LocalRuntime;
  /** Where the script's properties are kept for the next run: beside the workbook serve writes. */
  propertiesFile: string;
  close(): Promise<void>;
}

/** Largest request body taken (a reply with its photos after the phone's compression is far below). */
export const MAX_BODY_BYTES = 80 * 1024 * 1024;
const SECRET_PROPERTY = 'duban.webapp.secret';
const LINK_DAYS = { unit: 60, inspector: 180 } as const;

/** google.script.run as the page sees it on Google: run.withSuccessHandler(f).withFailureHandler(g).fn(...args). */
export const RUN_SHIM = `<script>(function(){
function runner(h){return new Proxy({},{get:function(_,name){
if(name==='withSuccessHandler')return function(f){return runner(Object.assign({},h,{ok:f}));};
if(name==='withFailureHandler')return function(f){return runner(Object.assign({},h,{fail:f}));};
if(name==='withUserObject')return function(u){return runner(Object.assign({},h,{user:u}));};
return function(){var args=Array.prototype.slice.call(arguments);
fetch('/exec/run',{method:'POST',headers:{'Content-Type':'application/json'},body:JSON.stringify({fn:name,args:args})})
.then(function(r){return r.json();})
.then(function(r){if(r.ok){if(h.ok)h.ok(r.value,h.user);}else if(h.fail){var e=new Error(r.error);e.name='ScriptError';h.fail(e,h.user);}})
.catch(function(e){if(h.fail)h.fail(e,h.user);});};}});}
window.google=window.google||{};window.google.script={run:runner({}),host:{close:function(){}}};})();</script>`;

function escapeAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The served page: the script's HTML with the title, meta tags and the shim in its head. */
export function pageWithHead(content: string, title: string, metaTags: { name: string; content: string }[]): string {
  const head = `<title>${escapeAttr(title)}</title>${metaTags.map((m) => `<meta name="${escapeAttr(m.name)}" content="${escapeAttr(m.content)}">`).join('')}${RUN_SHIM}`;
  if (/<head[^>]*>/i.test(content)) return content.replace(/<head[^>]*>/i, (h) => `${h}${head}`);
  return `<!DOCTYPE html><html><head><meta charset="utf-8">${head}</head><body>${content}</body></html>`;
}

function sheetValues(model: WorkbookModel, names: string[]): unknown[][] | undefined {
  const sheet = model.sheets.find((s) => names.includes(s.name.trim()));
  return sheet?.rows.map((r) => (r ?? []).map((c) => c?.value ?? ''));
}

/** Every unit's and enabled inspector's link, signed with the run's secret (as links.ts signs them). */
export function servedLinks(rt: LocalRuntime, base: string, nowMs: number): ServedLink[] {
  const secret = rt.properties.script.get(SECRET_PROPERTY)!;
  const sign = (p: string) => createHmac('sha256', secret).update(p, 'utf8').digest('base64url');
  const make = (role: 'unit' | 'inspector', subject: string, name: string): ServedLink => {
    const generation = Number(
      rt.properties.script.get(`duban.webapp.generation.${role}:${role === 'inspector' ? subject.toLowerCase() : subject}`) ?? 0,
    );
    const token = encodeLink({ role, subject, generation, expires: nowMs + LINK_DAYS[role] * 86_400_000 }, sign);
    return { role, subject, name, url: `${base}/exec?t=${token}` };
  };
  const units = parseUnits(sheetValues(rt.workbook, allTexts('sheet.units')) ?? []).units;
  const inspectors = parseInspectors(sheetValues(rt.workbook, allTexts('sheet.inspectors')) ?? []).filter((i) => i.enabled);
  return [...units.map((u) => make('unit', u.name, u.name)), ...inspectors.map((i) => make('inspector', i.email, i.name))];
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        fail(new Error('request too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

/** Where `serve` serves a file of the run's Drive folder (its path under drive/): the links the sheet and mails keep. */
export function servedDriveUrl(base: () => string): (relativePath: string) => string {
  // The base is asked at each link: the server knows its port only once it listens.
  return (p) => `${base()}/drive/${p.split('/').map(encodeURIComponent).join('/')}`;
}

export async function startServer(opts: ServeOptions): Promise<Serving> {
  mkdirSync(opts.out, { recursive: true });
  const outbox = join(opts.out, 'outbox');
  rmSync(outbox, { recursive: true, force: true });
  mkdirSync(outbox, { recursive: true });
  const driveDir = join(opts.out, 'drive');
  let base = '';
  const rt = new LocalRuntime({
    workbook: opts.model,
    now: opts.now,
    scriptTimeZone: opts.timeZone,
    driveDir,
    driveUrl: servedDriveUrl(() => base),
  });
  for (const [k, v] of Object.entries(opts.scriptProperties ?? {})) rt.properties.script.set(k, v);
  rt.load(opts.code, 'Code.js');
  if (!rt.properties.script.get(SECRET_PROPERTY)) rt.properties.script.set(SECRET_PROPERTY, randomBytes(32).toString('hex'));
  const workbookOut = join(opts.out, basename(opts.workbook));
  // Kept at once: the links printed now must open in a later serve, whether or not anything is submitted.
  const propertiesFile = scriptPropertiesFile(workbookOut);
  saveScriptProperties(rt.properties.script, workbookOut);
  const startedReal = Date.now();
  const tick = () => rt.setNow(new Date(opts.now.getTime() + (Date.now() - startedReal)));
  let mailsWritten = 0;
  const save = async () => {
    if (rt.properties.document.size > 0) rt.workbook.documentProperties = Object.fromEntries(rt.properties.document);
    await exportXlsx(rt.workbook, workbookOut);
    saveScriptProperties(rt.properties.script, workbookOut);
    for (; mailsWritten < rt.outbox.length; mailsWritten++) await writeEml(rt.outbox[mailsWritten]!, outbox, mailsWritten + 1);
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) =>
      send(res, 500, 'text/plain; charset=utf-8', `server error: ${err instanceof Error ? err.message : String(err)}`),
    );
  });
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', base);
    tick();
    if (req.method === 'GET' && url.pathname === '/exec') return serveGet(url, res);
    if (req.method === 'POST' && url.pathname === '/exec/run') return serveRun(await readBody(req), res);
    if (req.method === 'POST' && url.pathname === '/exec') return servePost(await readBody(req), url, res);
    if (req.method === 'GET' && url.pathname.startsWith('/drive/')) return serveDrive(url, res);
    send(res, 404, 'text/plain; charset=utf-8', 'not found');
  };
  const serveGet = (url: URL, res: ServerResponse) => {
    const parameter = Object.fromEntries(url.searchParams);
    const parameters = Object.fromEntries([...url.searchParams.keys()].map((k) => [k, url.searchParams.getAll(k)]));
    const value = rt.run('doGet', [{ parameter, parameters, queryString: url.search.slice(1), contextPath: '', contentLength: -1 }]).value;
    const html = htmlOutputOf(value);
    if (html) {
      const frame: Record<string, string> = html.xFrameOptionsMode === 'ALLOWALL' ? {} : { 'X-Frame-Options': 'SAMEORIGIN' };
      return send(res, 200, 'text/html; charset=utf-8', pageWithHead(html.content, html.title, html.metaTags), frame);
    }
    const text = textOutputOf(value);
    if (text) return send(res, 200, `${CONTENT_TYPES[text.mimeType]}; charset=utf-8`, text.content);
    send(res, 500, 'text/plain; charset=utf-8', 'doGet returned neither an HtmlOutput nor a TextOutput');
  };
  const serveRun = async (body: string, res: ServerResponse) => {
    let call: { fn?: unknown; args?: unknown };
    try {
      call = JSON.parse(body) as { fn?: unknown; args?: unknown };
    } catch {
      return send(res, 400, 'application/json', JSON.stringify({ ok: false, error: 'not JSON' }));
    }
    const fn = typeof call.fn === 'string' ? call.fn : '';
    // google.script.run reaches any top-level function but private ones (name ending in _).
    if (!rt.globalFunctionNames().includes(fn))
      return send(res, 200, 'application/json', JSON.stringify({ ok: false, error: `Script function not found: ${fn}` }));
    try {
      const value = rt.run(fn, Array.isArray(call.args) ? call.args : [], 'manual').value;
      if ((value as { ok?: unknown } | undefined)?.ok === true) await save();
      send(res, 200, 'application/json', JSON.stringify({ ok: true, value: value ?? null }));
    } catch (err) {
      send(res, 200, 'application/json', JSON.stringify({ ok: false, error: err instanceof Error ? err.message : String(err) }));
    }
  };
  const servePost = async (body: string, url: URL, res: ServerResponse) => {
    const parameter = Object.fromEntries(url.searchParams);
    const e = {
      parameter,
      parameters: {},
      postData: { contents: body, length: Buffer.byteLength(body), type: 'application/json', name: 'postData' },
    };
    const text = textOutputOf(rt.run('doPost', [e]).value);
    if (!text) return send(res, 500, 'text/plain; charset=utf-8', 'doPost returned no TextOutput');
    if ((JSON.parse(text.content) as { ok?: unknown }).ok === true) await save();
    send(res, 200, `${CONTENT_TYPES[text.mimeType]}; charset=utf-8`, text.content);
  };
  const serveDrive = (url: URL, res: ServerResponse) => {
    const rel = decodeURIComponent(url.pathname.slice('/drive/'.length));
    const abs = resolve(driveDir, rel);
    if (!abs.startsWith(resolve(driveDir) + sep) || !existsSync(abs) || !statSync(abs).isFile())
      return send(res, 404, 'text/plain', 'not found');
    const type = /\.png$/i.test(abs) ? 'image/png' : /\.jpe?g$/i.test(abs) ? 'image/jpeg' : 'application/octet-stream';
    send(res, 200, type, readFileSync(abs));
  };
  await new Promise<void>((ok) => server.listen(opts.port, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  rt.setWebappUrl(`${base}/exec`);
  return {
    url: `${base}/exec`,
    links: servedLinks(rt, base, opts.now.getTime()),
    runtime: rt,
    propertiesFile,
    close: () => closeServer(server),
  };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((ok) => server.close(() => ok()));
}
