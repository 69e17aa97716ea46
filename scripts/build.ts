/**
 * Bundles src/main.ts into dist/Code.js, a classic script Apps Script runs as is.
 *
 * Apps Script only sees *top-level function declarations* (the editor's Run list, trigger
 * pickers, menu callbacks, simple triggers). An ESM bundle keeps `export` (a syntax error
 * there) and tree-shakes what nothing imports; a plain IIFE hides everything in a closure.
 * So: an IIFE that assigns the entry module's exports to one global, plus one generated
 * `function name(...args) { return Duban.name(...args); }` per export. The stub list is taken
 * from esbuild's own metafile, so adding an export to main.ts is all it takes.
 */

import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'src/main.ts');
const outDir = join(root, 'dist');
export const GLOBAL_NAME = 'Duban';

/** The entry module's export names, as esbuild resolves them (re-exports included). */
async function entryExports(): Promise<string[]> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    write: false,
    metafile: true,
    outfile: 'probe.js',
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint);
  if (!output) throw new Error('esbuild did not report the entry point');
  return [...output.exports].sort();
}

export async function buildBundle(): Promise<{ file: string; bytes: number; entryPoints: string[] }> {
  const names = await entryExports();
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    globalName: GLOBAL_NAME,
    // Apps Script's V8 understands ES2020+ syntax, but not #private fields: esbuild lowers
    // them for es2020 targets, and the smoke test checks none remain.
    target: 'es2020',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    charset: 'utf8',
    legalComments: 'none',
    minify: false,
    write: false,
    logLevel: 'warning',
  });
  const body = result.outputFiles[0]!.text;
  const stubs = names.map((n) => `function ${n}() {\n  return ${GLOBAL_NAME}.${n}.apply(this, arguments);\n}`).join('\n');
  const code = `// Duban (督办台账): built by scripts/build.ts from src/. Do not edit: edit src/ and rebuild.\n${body}\n// Entry points Apps Script can see (editor Run list, triggers, menu callbacks).\n${stubs}\n`;
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, 'Code.js');
  // Write then rename: a test or runner reading dist/ meanwhile never sees half a file.
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, code, 'utf8');
  renameSync(temp, file);
  copyFileSync(join(root, 'appsscript.json'), join(outDir, 'appsscript.json'));
  return { file, bytes: Buffer.byteLength(code), entryPoints: names };
}

export function readBundle(): string {
  return readFileSync(join(outDir, 'Code.js'), 'utf8');
}

/**
 * Set (to '1') only by the tests' global setup (tests/global-setup.ts), which builds dist/ once
 * before any test: a runner the tests start then reads that build instead of writing dist/ again
 * while other tests are reading it.
 */
export const PREBUILT_BUNDLE_ENV = 'DUBAN_PREBUILT_BUNDLE';

/** The bundle a runner loads: built now from src/, unless the tests have built it already. */
export async function currentBundle(): Promise<string> {
  if (process.env[PREBUILT_BUNDLE_ENV] !== '1') return readFileSync((await buildBundle()).file, 'utf8');
  if (!existsSync(join(outDir, 'Code.js'))) throw new Error(`${PREBUILT_BUNDLE_ENV} is set but dist/Code.js was not built`);
  return readBundle();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildBundle().then(
    ({ file, bytes, entryPoints }) => {
      console.log(`built ${file} (${(bytes / 1024).toFixed(1)} KiB) with entry points: ${entryPoints.join(', ')}`);
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exit(1);
    },
  );
}
