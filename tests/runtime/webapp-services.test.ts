import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { htmlOutputOf, LocalRuntime, type LocalRuntimeOptions, textOutputOf } from '../../runtime/index.js';
import { newSheetModel, newWorkbookModel } from '../../runtime/model.js';

const NOW = new Date('2026-11-25T01:00:00Z');

function runtime(code: string, opts: Partial<LocalRuntimeOptions> = {}): LocalRuntime {
  const wb = newWorkbookModel('Ledger');
  wb.sheets.push(newSheetModel('Sheet1', 0));
  const rt = new LocalRuntime({ workbook: wb, now: NOW, ...opts });
  rt.load(code);
  return rt;
}

function evaluate<T>(body: string, opts: Partial<LocalRuntimeOptions> = {}): T {
  return runtime(`function probe() { ${body} }`, opts).run<T>('probe').value;
}

describe('Utilities for signed links', () => {
  it('computes HMAC-SHA256 as Apps Script does: signed bytes, the same as any HMAC', () => {
    const bytes = evaluate<number[]>(`return Utilities.computeHmacSha256Signature('v1.payload', 'secret');`);
    const expected = [...createHmac('sha256', 'secret').update('v1.payload').digest()].map((b) => (b > 127 ? b - 256 : b));
    expect(bytes).toEqual(expected);
    expect(Math.min(...bytes)).toBeGreaterThanOrEqual(-128);
  });

  it('encodes web-safe base64 and decodes both kinds back to the same bytes', () => {
    const r = evaluate<{ safe: string; plain: string; back: number[]; backPlain: number[] }>(`
      var bytes = [-5, -17, -1, 0, 127];
      var safe = Utilities.base64EncodeWebSafe(bytes);
      var plain = Utilities.base64Encode(bytes);
      return { safe: safe, plain: plain, back: Utilities.base64DecodeWebSafe(safe), backPlain: Utilities.base64Decode(plain) };`);
    expect(r.plain).toBe('++//AH8=');
    expect(r.safe).toBe('--__AH8=');
    expect(r.back).toEqual([-5, -17, -1, 0, 127]);
    expect(r.backPlain).toEqual([-5, -17, -1, 0, 127]);
  });

  it('makes a Blob of bytes with its type and name', () => {
    const r = evaluate<unknown[]>(`
      var b = Utilities.newBlob(Utilities.base64Decode('/9j/'), 'image/jpeg', 'a.jpg');
      b.setName('b.jpg');
      return [b.getBytes(), b.getContentType(), b.getName(), Utilities.newBlob('文字').getDataAsString()];`);
    expect(r).toEqual([[-1, -40, -1], 'image/jpeg', 'b.jpg', '文字']);
  });
});

describe('HtmlService and ContentService', () => {
  it('gives the page its title, viewport and frame option, read back by the local server', () => {
    const rt = runtime(`function doGet() {
      return HtmlService.createHtmlOutput('<p>一</p>').append('<p>二</p>').appendUntrusted('<script>')
        .setTitle('市城管局 · 整改').addMetaTag('viewport', 'width=device-width, initial-scale=1')
        .setXFrameOptionsMode(HtmlService.XFrameOptionsMode.DEFAULT);
    }`);
    const out = htmlOutputOf(rt.run('doGet').value);
    expect(out).toEqual({
      content: '<p>一</p><p>二</p>&lt;script&gt;',
      title: '市城管局 · 整改',
      metaTags: [{ name: 'viewport', content: 'width=device-width, initial-scale=1' }],
      xFrameOptionsMode: 'DEFAULT',
      faviconUrl: null,
    });
  });

  it('refuses a meta tag Google does not let through', () => {
    expect(() => evaluate(`HtmlService.createHtmlOutput('').addMetaTag('refresh', '0');`)).toThrow(/Meta tag "refresh" is not allowed/);
  });

  it('serves JSON text with its MIME type', () => {
    const rt = runtime(
      `function doPost() { return ContentService.createTextOutput(JSON.stringify({ ok: true })).setMimeType(ContentService.MimeType.JSON); }`,
    );
    expect(textOutputOf(rt.run('doPost').value)).toEqual({ content: '{"ok":true}', mimeType: 'JSON', fileName: null });
  });
});

describe('CacheService', () => {
  it('keeps a value until it expires on the simulated clock, at most 6 hours', () => {
    const rt = runtime(`
      function put(s) { CacheService.getScriptCache().put('k', 'v', s); }
      function get() { return CacheService.getScriptCache().get('k'); }
      function doc() { return CacheService.getDocumentCache().get('k'); }`);
    rt.run('put', [60]);
    expect(rt.run('get').value).toBe('v');
    expect(rt.run('doc').value).toBeNull();
    rt.advance(60_000);
    expect(rt.run('get').value).toBeNull();
    rt.run('put', [999_999]);
    rt.advance(21_600_000 - 1);
    expect(rt.run('get').value).toBe('v');
    rt.advance(1);
    expect(rt.run('get').value).toBeNull();
  });

  it('refuses a value over 100 KB and a key over 250 characters; removes', () => {
    expect(() => evaluate(`CacheService.getScriptCache().put('k', new Array(102402).join('x'));`)).toThrow('Argument too large: value');
    expect(() => evaluate(`CacheService.getScriptCache().put(new Array(252).join('k'), 'v');`)).toThrow('Argument too large: key');
    expect(evaluate(`var c = CacheService.getScriptCache(); c.put('k', 'v'); c.remove('k'); return c.get('k');`)).toBeNull();
  });
});

describe('ScriptApp.getService().getUrl()', () => {
  it('is null until the web app is deployed, then its URL', () => {
    const rt = runtime(`function url() { return ScriptApp.getService().getUrl(); }`);
    expect(rt.run('url').value).toBeNull();
    rt.setWebappUrl('http://127.0.0.1:8080/exec');
    expect(rt.run('url').value).toBe('http://127.0.0.1:8080/exec');
    expect(runtime(`function url() { return ScriptApp.getService().getUrl(); }`, { webappUrl: 'https://x/exec' }).run('url').value).toBe(
      'https://x/exec',
    );
  });
});

describe('DriveApp, kept as real folders and files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'duban-drive-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('makes a folder, a subfolder and a file from a blob, found again by id and by name in a later execution', () => {
    const rt = runtime(
      `function make() {
        var office = DriveApp.createFolder('督办照片');
        var matter = office.createFolder('DB-0007');
        var file = matter.createFile(Utilities.newBlob(Utilities.base64Decode('/9j/4A=='), 'image/jpeg', 'DB-0007 2026-11-25 整改后 1.jpg'));
        return [office.getId(), file.getName(), file.getUrl(), file.getId()];
      }
      function find(id) {
        var f = DriveApp.getFolderById(id);
        var sub = f.getFoldersByName('DB-0007');
        var names = DriveApp.getFoldersByName('督办照片');
        return [f.getName(), sub.hasNext() && sub.next().getName(), names.hasNext(), f.getFoldersByName('none').hasNext()];
      }`,
      { driveDir: dir, driveUrl: (p) => `http://127.0.0.1:1/drive/${p}` },
    );
    const [id, name, url] = rt.run<string[]>('make').value;
    expect(name).toBe('DB-0007 2026-11-25 整改后 1.jpg');
    expect(url).toBe('http://127.0.0.1:1/drive/督办照片/DB-0007/DB-0007 2026-11-25 整改后 1.jpg');
    expect([...readFileSync(join(dir, '督办照片', 'DB-0007', name!))]).toEqual([0xff, 0xd8, 0xff, 0xe0]);
    expect(rt.run('find', [id]).value).toEqual(['督办照片', 'DB-0007', true, false]);
    expect(rt.calls.get('Folder.createFile')).toBe(1);
  });

  it("throws Google's error for an unknown id, and a clear one with no Drive folder given", () => {
    const rt = runtime(`function find(id) { return DriveApp.getFolderById(id); }`, { driveDir: dir });
    expect(() => rt.run('find', ['nope'])).toThrow(/No item with the given ID could be found/);
    expect(() => evaluate(`DriveApp.createFolder('x');`)).toThrow(/no Drive folder \(option driveDir\)/);
  });
});
