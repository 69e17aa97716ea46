/**
 * `npm run pull -- --sheet <id or URL> --out <file.xlsx>`: the live sheet as an .xlsx file, to run
 * jobs on it offline with `npm run local` (nothing is sent from there: mail goes to .eml files).
 *
 * Drive v3 files.export with the .xlsx MIME type. Google documents that "the exported content
 * is limited to 10MB"; past it Drive answers 403 exportSizeLimitExceeded ("This file is too large
 * to be exported."), which the command says in so many words, with the way round it.
 */
import { existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { parseFlags, sheetIdFrom, UsageError, wantsHelp } from './args';
import { loadClaspLogin } from './clasp-login';
import { claspProjectFile, readBinding } from './clasp-project';
import { googleClients } from './clients';
import { type CommandContext, exitCodeOf } from './command';
import { XLSX_MIME } from './deploy-command';
import { askGoogle } from './errors';
import { readLiveMarks, withMarkNames } from './marks';
import { SCOPES } from './scopes';

const USAGE = 'usage: npm run pull -- --sheet <id or URL> --out <file.xlsx> [--user <clasp user>] (--help for more)';

export const PULL_HELP = `Saves a live Google Sheet as an .xlsx file (Drive export), to run Duban's jobs on it offline.

usage: npm run pull -- --sheet <id or URL> --out <file.xlsx>

options:
  --sheet <id or URL>   the sheet (default: the one .clasp.json binds)
  --out <file.xlsx>     where to save it (its folder is created; an older file is replaced)
  --user <name>         the clasp login to use (default: the default one)
  -h, --help            show this and exit

Drive exports at most 10 MB; a larger sheet is downloaded from Sheets instead (File →
Download → Microsoft Excel (.xlsx)).

exit codes: 0 saved; 1 Google refused or no login (one line says why and what to do);
2 bad arguments.
`;

export async function pull(argv: string[], ctx: CommandContext): Promise<number> {
  if (wantsHelp(argv)) {
    ctx.out(PULL_HELP);
    return 0;
  }
  return exitCodeOf(async () => {
    const flags = parseFlags(argv, ['sheet', 'out', 'user'], USAGE);
    const sheetText = flags.get('sheet');
    const sheetId = sheetText ? sheetIdFrom(sheetText) : readBinding(claspProjectFile(ctx.projectDir, ctx.env))?.parentId;
    if (!sheetId) throw new UsageError(`--sheet is required (.clasp.json names no bound sheet). ${USAGE}`);
    const outText = flags.get('out');
    if (!outText) throw new UsageError(`--out is required. ${USAGE}`);
    const out = resolve(outText);
    if (extname(out).toLowerCase() !== '.xlsx') throw new UsageError(`--out ${outText} must be an .xlsx file name`);
    if (existsSync(out) && statSync(out).isDirectory()) throw new UsageError(`--out ${outText} is a folder, not a file name`);

    const google = googleClients(loadClaspLogin(ctx.env, flags.get('user')), ctx.env, ctx.retry);
    const res = await askGoogle(
      { action: 'export the sheet as .xlsx', api: 'Google Drive API', scope: SCOPES.driveFile, target: { kind: 'sheet', id: sheetId } },
      () => google.drive.files.export({ fileId: sheetId, mimeType: XLSX_MIME }, { ...google.perCall, responseType: 'arraybuffer' }),
    );
    let bytes: Buffer = Buffer.from(res.data as ArrayBuffer);
    // Google's export drops Duban's marks: they are read from Sheets and written back as the
    // defined names the runtime reads (scripts/google/marks.ts).
    let marks: Awaited<ReturnType<typeof readLiveMarks>>;
    try {
      marks = await readLiveMarks(google, sheetId);
    } catch (e) {
      ctx.err("Nothing was saved: without Duban's marks the local runner would take Duban's columns for the office's.");
      throw e;
    }
    if (marks.count > 0) bytes = await withMarkNames(bytes, marks.names);
    mkdirSync(dirname(out), { recursive: true });
    // Write then rename: an earlier pull of the same file is never left half overwritten.
    const temp = `${out}.${process.pid}.tmp`;
    writeFileSync(temp, bytes);
    renameSync(temp, out);
    const withMarks = marks.count > 0 ? `, with Duban's ${marks.count} marks as defined names` : '';
    ctx.out(`Saved the sheet ${sheetId} as ${out} (${(bytes.length / 1024).toFixed(1)} KiB)${withMarks}.`);
    ctx.out(`Run a job on it offline (nothing is sent): npm run local -- <job> --workbook ${out} --now <date-time> --out <dir>`);
  }, ctx);
}
