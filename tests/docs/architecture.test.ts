/**
 * ARCHITECTURE.md is the newcomer's map: it must stay true. Every path it names exists, and
 * every folder of the core and every module of the edge is on it, so a folder added or a
 * module renamed without the map fails here.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const doc = readFileSync(join(root, 'ARCHITECTURE.md'), 'utf8');

/**
 * The paths the document names in code spans: `src/…`, `tests/…`, `scripts/…`, `runtime/…`,
 * files at the root; a bare `name.ts` in a table row is a file of the folder that row names.
 */
function namedPaths(text: string): string[] {
  return text.split('\n').flatMap((line) => {
    const spans = [...line.matchAll(/`([^`\s]+)`/g)].map((m) => m[1]!);
    const folder = spans.find((s) => /^src\/.*\/$/.test(s));
    return spans.flatMap((s) => {
      if (/^(src|tests|scripts|runtime|samples)\//.test(s) || /^[\w.-]+\.(md|json)$/.test(s)) return [s];
      if (folder && /^[\w.-]+\.ts$/.test(s)) return [`${folder}${s}`];
      return [];
    });
  });
}

describe('ARCHITECTURE.md', () => {
  it('names only paths that exist', () => {
    const paths = namedPaths(doc);
    expect(paths.length).toBeGreaterThan(20);
    const missing = paths.filter((p) => !existsSync(join(root, p.replace(/\/$/, ''))));
    expect(missing).toEqual([]);
  });

  it('shows every folder of the core and every module of the edge', () => {
    const coreFolders = readdirSync(join(root, 'src/core'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => `src/core/${d.name}/`);
    const gasModules = readdirSync(join(root, 'src/gas')).map((f) => `src/gas/${f}`);
    const named = new Set(namedPaths(doc));
    expect([...coreFolders, ...gasModules].filter((p) => !named.has(p))).toEqual([]);
  });
});
