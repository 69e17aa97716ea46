import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emlText, writeEml } from '../../runtime/eml.js';
import type { SentMail } from '../../runtime/model.js';

const digest: SentMail = {
  from: 'duban@office.example.org',
  name: '市创城指挥部办公室',
  to: '市城管局 <cgj@city.example.org>, zjj@city.example.org',
  cc: 'leader@city.example.org',
  bcc: 'archive@office.example.org',
  replyTo: 'dbk@office.example.org',
  subject: '【督办】市城管局：3项任务已逾期，请于11月28日前整改到位',
  body: '各位好：\n以下任务已逾期：\n1. 背街小巷和居民小区脏乱差\n',
  htmlBody: '<p>各位好：</p><ol><li>背街小巷和居民小区脏乱差</li></ol>',
  sentAt: new Date('2026-11-25T01:00:00Z'),
};

/** RFC 2047 encoded words, as a mail client decodes them. */
function decodeWords(s: string): string {
  return s.replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=(?:\s+(?==\?))?/gi, (_m, enc: string, text: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

interface Part {
  headers: Map<string, string>;
  body: string;
}

function parsePart(raw: string): Part {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    headers.set(line.slice(0, i).toLowerCase(), line.slice(i + 1).trim());
  }
  return { headers, body: raw.slice(split + 4) };
}

function decodeBody(p: Part): string {
  const cte = (p.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (cte === 'base64') return Buffer.from(p.body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (cte === 'quoted-printable') {
    const bytes = p.body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  // The message ends with a line break that is not part of the text.
  return p.body.replace(/\r\n$/, '');
}

function alternatives(msg: Part): Part[] {
  const boundary = /boundary="?([^";]+)"?/.exec(msg.headers.get('content-type') ?? '')?.[1];
  if (!boundary) return [];
  return msg.body
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((s) => parsePart(s.replace(/^\r\n/, '').replace(/\r\n$/, '')));
}

describe('emlText', () => {
  it('writes the headers a mail client shows: sender name, recipients, reply-to, Chinese subject, date', async () => {
    const msg = parsePart(await emlText(digest));
    expect(decodeWords(msg.headers.get('from') ?? '')).toBe('市创城指挥部办公室 <duban@office.example.org>');
    expect(decodeWords(msg.headers.get('to') ?? '')).toBe('市城管局 <cgj@city.example.org>, zjj@city.example.org');
    expect(msg.headers.get('cc')).toBe('leader@city.example.org');
    expect(msg.headers.get('bcc')).toBe('archive@office.example.org');
    expect(msg.headers.get('reply-to')).toBe('dbk@office.example.org');
    expect(decodeWords(msg.headers.get('subject') ?? '')).toBe(digest.subject);
    expect(new Date(msg.headers.get('date') ?? '').toISOString()).toBe('2026-11-25T01:00:00.000Z');
    expect(msg.headers.get('mime-version')).toBe('1.0');
    expect(msg.headers.get('message-id')).toMatch(/^<[0-9a-f]+@duban\.local>$/);
  });

  it('carries the text and the html body as UTF-8 alternatives', async () => {
    const msg = parsePart(await emlText(digest));
    expect(msg.headers.get('content-type')).toMatch(/^multipart\/alternative;/);
    const parts = alternatives(msg);
    expect(parts.map((p) => p.headers.get('content-type'))).toEqual(['text/plain; charset=utf-8', 'text/html; charset=utf-8']);
    expect(decodeBody(parts[0]).replace(/\r\n/g, '\n')).toBe(digest.body);
    expect(decodeBody(parts[1])).toBe(digest.htmlBody);
  });

  it('writes a plain text message when there is no html body', async () => {
    const msg = parsePart(
      await emlText({ from: 'a@x.example.org', to: 'b@y.example.org', subject: 'Overdue', body: 'Line 1\nLine 2', sentAt: new Date(0) }),
    );
    expect(msg.headers.get('from')).toBe('a@x.example.org');
    expect(msg.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(msg.headers.has('cc')).toBe(false);
    expect(decodeBody(msg).replace(/\r\n/g, '\n')).toBe('Line 1\nLine 2');
  });

  it('gives the same bytes for the same mail', async () => {
    expect(await emlText(digest)).toBe(await emlText({ ...digest }));
  });
});

describe('writeEml', () => {
  it('names files by index and subject, keeps names stable and never overwrites another mail', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eml-'));
    const first = await writeEml(digest, dir, 1);
    expect(basename(first)).toBe('001-【督办】市城管局：3项任务已逾期，请于11月28日前整改到位.eml');
    expect(readFileSync(first, 'utf8')).toBe(await emlText(digest));
    expect(await writeEml(digest, dir, 1)).toBe(first);
    const other = await writeEml({ ...digest, body: 'different' }, dir, 1);
    expect(basename(other)).toBe('001-【督办】市城管局：3项任务已逾期，请于11月28日前整改到位-2.eml');
    const odd = await writeEml({ ...digest, subject: ' a/b\\c:d*e?"f<g>h|i\tj ' }, dir, 12);
    expect(basename(odd)).toBe('012-abcdefghi_j.eml');
    expect(readdirSync(dir)).toHaveLength(3);
  });
});
