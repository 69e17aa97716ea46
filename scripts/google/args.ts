/**
 * Command-line arguments of the Google commands (deploy, pull, status): `--name value` or
 * `--name=value` flags, nothing positional. A bad argument is a UsageError: one line on stderr
 * and exit 2, before anything is read, built or sent.
 */

/** Bad arguments: the command stops with exit 2 and one line saying what is wrong. */
export class UsageError extends Error {}

/** `-h` or `--help` anywhere: the person wants the usage, not a run. */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

/**
 * The flags given, checked against the ones the command knows. `usage` ends every message, so
 * the person sees how to call the command right where it went wrong.
 */
export function parseFlags(argv: readonly string[], known: readonly string[], usage: string): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}". ${usage}`);
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    if (!known.includes(name)) throw new UsageError(`unknown option --${name}. ${usage}`);
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '' || value.startsWith('--')) throw new UsageError(`--${name} needs a value. ${usage}`);
    if (flags.has(name)) throw new UsageError(`--${name} is given twice. ${usage}`);
    flags.set(name, value);
  }
  return flags;
}

// Drive file ids are URL-safe base64 ([A-Za-z0-9_-]); a spreadsheet's is usually 44 characters.
const DRIVE_ID = /^[A-Za-z0-9_-]{10,}$/;
const SHEET_URL = /\/spreadsheets\/(?:u\/\d+\/)?d\/([A-Za-z0-9_-]{10,})/;

/**
 * The spreadsheet id in what a person pastes: the id itself, or the sheet's address as the
 * browser shows it (https://docs.google.com/spreadsheets/d/<id>/edit#gid=0).
 */
export function sheetIdFrom(text: string): string {
  const trimmed = text.trim();
  if (DRIVE_ID.test(trimmed)) return trimmed;
  const match = SHEET_URL.exec(trimmed);
  if (match) return match[1]!;
  throw new UsageError(
    `--sheet "${text}" is neither a spreadsheet id nor a Google Sheets address (https://docs.google.com/spreadsheets/d/<id>/edit)`,
  );
}

/** The address a person opens to see the sheet. */
export function sheetUrl(sheetId: string): string {
  return `https://docs.google.com/spreadsheets/d/${sheetId}/edit`;
}
