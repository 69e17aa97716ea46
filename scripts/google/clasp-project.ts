/**
 * .clasp.json: which Apps Script project this folder pushes to. The commands read it to re-push
 * or to find the script for `status`, and write it after binding, so `npm run push` (clasp)
 * pushes to the same script. Its form is clasp's (google/clasp src/core/clasp.ts): `scriptId`,
 * `rootDir` (the folder pushed, here dist/), and `parentId`, the sheet the script is bound to
 * (clasp writes a string; older clasp an array). Like clasp, `clasp_config_project` may name
 * another .clasp.json (a file, or a folder holding one).
 */
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from './args';

/** What the committed .clasp.json holds until a script is bound. */
export const PLACEHOLDER_SCRIPT_ID = 'REPLACE_WITH_YOUR_SCRIPT_ID';

export interface ClaspBinding {
  scriptId: string;
  /** The bound sheet, when the binding was made by these commands or `clasp create --parentId`. */
  parentId?: string;
}

export function claspProjectFile(projectDir: string, env: NodeJS.ProcessEnv): string {
  const given = env.clasp_config_project;
  if (given) return existsSync(given) && statSync(given).isDirectory() ? join(given, '.clasp.json') : given;
  return join(projectDir, '.clasp.json');
}

function readJson(file: string): Record<string, unknown> {
  if (!existsSync(file)) return {};
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    throw new UsageError(`${file} is not valid JSON: fix or delete it, then run the command again`);
  }
}

/** The script this folder is bound to, or undefined while .clasp.json is missing or still the placeholder. */
export function readBinding(file: string): ClaspBinding | undefined {
  const json = readJson(file);
  const scriptId = json.scriptId;
  if (typeof scriptId !== 'string' || !scriptId || scriptId === PLACEHOLDER_SCRIPT_ID) return undefined;
  const parent = Array.isArray(json.parentId) ? (json.parentId as unknown[])[0] : json.parentId;
  return typeof parent === 'string' && parent ? { scriptId, parentId: parent } : { scriptId };
}

/** Binds this folder to a script: keeps any other setting clasp wrote, pushes from dist/. */
export function writeBinding(file: string, binding: ClaspBinding): void {
  const json = readJson(file);
  json.scriptId = binding.scriptId;
  json.rootDir = 'dist';
  if (binding.parentId) json.parentId = binding.parentId;
  else delete json.parentId;
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(json, null, 2)}\n`, 'utf8');
  renameSync(temp, file);
}
