/**
 * The bound script's properties (PropertiesService.getScriptProperties()) between local runs. On
 * Google they live with the script bound to the spreadsheet and outlast every execution: the web
 * app's secret and each link's generation are there, so a link mailed by one day's sweep still
 * opens the page later. Locally the spreadsheet is an .xlsx file, so they are kept beside it, in
 * `<workbook>.script-properties.json`: read from beside the workbook a run is given, written
 * beside the workbook it writes (the same way the document's properties travel inside the file).
 * The file holds the signing secret: keep it with the workbook, out of anything shared.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export const SCRIPT_PROPERTIES_SUFFIX = '.script-properties.json';

export function scriptPropertiesFile(workbook: string): string {
  return `${workbook}${SCRIPT_PROPERTIES_SUFFIX}`;
}

/** The properties kept beside the workbook, or none; a file that is not a JSON object of strings is an error that says where. */
export function readScriptProperties(workbook: string): Record<string, string> {
  const file = scriptPropertiesFile(workbook);
  if (!existsSync(file)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || Object.values(parsed).some((v) => typeof v !== 'string'))
    throw new Error(`${file}: not an object of text values (the script's properties as a previous run wrote them)`);
  return parsed as Record<string, string>;
}

/** Puts the kept properties into a runtime's script store (before its first execution). */
export function loadScriptProperties(store: Map<string, string>, workbook: string): void {
  for (const [k, v] of Object.entries(readScriptProperties(workbook))) store.set(k, v);
}

/** Writes the script store beside the workbook just written (nothing when the store is empty). Returns the file, if written. */
export function saveScriptProperties(store: Map<string, string>, workbook: string): string | undefined {
  if (store.size === 0) return undefined;
  const file = scriptPropertiesFile(workbook);
  const sorted = Object.fromEntries([...store].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  writeFileSync(file, `${JSON.stringify(sorted, null, 2)}\n`, { encoding: 'utf8', mode: 0o600 });
  return file;
}
