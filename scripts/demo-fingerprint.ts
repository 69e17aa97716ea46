/**
 * npm run demo:check: proves that a change left the demo's outputs as they were. Runs the demo
 * into a temporary folder and reduces everything it wrote to a fingerprint, one hash per file:
 *
 * - a workbook: every sheet's cells (value, formula, format, note, validation), merges, frozen
 *   panes, widths and heights, conditional formats, protections, charts, developer metadata;
 * - a mail (.eml): from, to, cc, subject, the plain-text and the HTML body, the attachments
 *   (not the Date and Message-ID headers, which differ on every run);
 * - a run.json: all of it but the timings (elapsedMs), with the output folder written `<out>`
 *   and the checkout's folder `<root>`.
 *
 * The fingerprint is compared with tests/golden/demo-fingerprint.json (the e2e suite does the
 * same). A change that means to change what the demo writes updates it:
 *
 *   npm run demo:check                      compare; exit 1 naming each file that differs
 *   npm run demo:check -- --update          write the fingerprint as it now is
 *   npm run demo:check -- --dump <dir>      also write each file's canonical text under <dir>,
 *                                           so two checkouts' dumps can be diffed
 */

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleParser } from 'mailparser';
import { DEFAULT_TIME_ZONE, loadWorkbook } from './local';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const GOLDEN = join(root, 'tests', 'golden', 'demo-fingerprint.json');

export type Fingerprint = Record<string, string>;

/** JSON with dates as ISO text, sets and maps as arrays, and object keys in a fixed order. */
function canonicalJson(value: unknown): string {
  const seen = (v: unknown): unknown => {
    if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
    if (v instanceof Set) return [...v].map(seen);
    if (v instanceof Map) return [...v].map(([k, x]) => [seen(k), seen(x)]);
    if (Array.isArray(v)) return v.map(seen);
    if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      return Object.fromEntries(
        Object.keys(o)
          .sort()
          .filter((k) => o[k] !== undefined)
          .map((k) => [k, seen(o[k])]),
      );
    }
    return v;
  };
  return JSON.stringify(seen(value), null, 1);
}

async function workbookText(file: string): Promise<string> {
  const wb = await loadWorkbook(file, DEFAULT_TIME_ZONE);
  // The workbook's own title is the file name: the same in every run, but not a cell.
  const { sheets, ...rest } = wb as unknown as { sheets: unknown[] } & Record<string, unknown>;
  delete rest.title;
  return canonicalJson({ ...rest, sheets });
}

async function emlText(file: string): Promise<string> {
  const mail = await simpleParser(readFileSync(file));
  const addresses = (a: typeof mail.to): string => (a === undefined ? '' : (Array.isArray(a) ? a : [a]).map((x) => x.text).join(', '));
  return canonicalJson({
    from: mail.from?.text ?? '',
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    subject: mail.subject ?? '',
    text: mail.text ?? '',
    html: mail.html === false ? '' : (mail.html ?? ''),
    attachments: mail.attachments.map((a) => ({
      name: a.filename,
      type: a.contentType,
      sha256: createHash('sha256').update(a.content).digest('hex'),
    })),
  });
}

/** run.json names files by their full path: the demo's folder and the checkout differ from one machine to the next. */
function runJsonText(file: string, out: string): string {
  const text = readFileSync(file, 'utf8').split(out).join('<out>').split(root).join('<root>');
  const report = JSON.parse(text) as Record<string, unknown>;
  delete report.elapsedMs;
  return canonicalJson(report);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
}

/** Each file the demo wrote in `out`, by its path under `out`, as canonical text. */
export async function canonicalOutputs(out: string): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const file of filesUnder(out)) {
    const name = relative(out, file);
    if (file.endsWith('.xlsx')) texts.set(name, await workbookText(file));
    else if (file.endsWith('.eml')) texts.set(name, await emlText(file));
    else if (file.endsWith('run.json')) texts.set(name, runJsonText(file, out));
    // The script's properties: setup's secret is random; its value is no output of the demo.
    else if (file.endsWith('.script-properties.json'))
      texts.set(name, readFileSync(file, 'utf8').replace(/("duban\.webapp\.secret": )"[^"]*"/, '$1"<secret>"'));
    else texts.set(name, readFileSync(file, 'utf8'));
  }
  return texts;
}

export function fingerprintOf(texts: Map<string, string>): Fingerprint {
  return Object.fromEntries([...texts].map(([name, text]) => [name, createHash('sha256').update(text).digest('hex').slice(0, 16)]));
}

/** Runs `npm run demo` into a fresh folder (the same command a newcomer runs) and returns the folder. */
export function runDemo(): string {
  const out = mkdtempSync(join(tmpdir(), 'duban-demo-'));
  const ran = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'demo.ts'), '--out', out], {
    cwd: root,
    encoding: 'utf8',
  });
  if (ran.status !== 0) throw new Error(`the demo failed (exit ${ran.status}):\n${ran.stdout}\n${ran.stderr}`);
  return out;
}

/** The files whose fingerprint differs from `expected`, or that one side lacks. */
export function differences(expected: Fingerprint, actual: Fingerprint): string[] {
  const names = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  return names.flatMap((name) => {
    if (!(name in actual)) return [`${name}: no longer written`];
    if (!(name in expected)) return [`${name}: new`];
    return expected[name] === actual[name] ? [] : [`${name}: differs`];
  });
}

async function main(argv: string[]): Promise<number> {
  const update = argv.includes('--update');
  const dumpAt = argv.indexOf('--dump');
  const dump = dumpAt >= 0 ? argv[dumpAt + 1] : undefined;
  if (dumpAt >= 0 && !dump) throw new Error('--dump needs a folder');
  const out = runDemo();
  try {
    const texts = await canonicalOutputs(out);
    const actual = fingerprintOf(texts);
    if (dump) {
      for (const [name, text] of texts) {
        const path = join(resolve(dump), `${name}.txt`);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, text);
      }
      console.log(`canonical outputs written under ${resolve(dump)}`);
    }
    if (update) {
      mkdirSync(dirname(GOLDEN), { recursive: true });
      writeFileSync(GOLDEN, `${JSON.stringify(actual, null, 1)}\n`);
      console.log(`${Object.keys(actual).length} files fingerprinted: ${relative(root, GOLDEN)} updated`);
      return 0;
    }
    const expected = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Fingerprint;
    const diff = differences(expected, actual);
    if (diff.length === 0) {
      console.log(`the demo's ${Object.keys(actual).length} outputs are as fingerprinted in ${relative(root, GOLDEN)}`);
      return 0;
    }
    console.log(`the demo's outputs changed (${diff.length} files):\n  ${diff.join('\n  ')}`);
    console.log('If the change is meant, run `npm run demo:check -- --update`; to see it, --dump <dir> before and after and diff.');
    return 1;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(`duban demo:check: ${err instanceof Error ? err.message : String(err)}`);
      process.exitCode = 1;
    },
  );
}
