/**
 * `npm run deploy`: puts the built bundle on a live Google Sheet.
 *
 *   npm run deploy -- --xlsx <ledger.xlsx> [--title <title>]   upload the workbook as a new Google
 *                                                              Sheet, bind a new script to it, push
 *   npm run deploy -- --sheet <id or URL>                      bind a new script to an existing
 *                                                              sheet and push (or only push, when
 *                                                              .clasp.json already binds this sheet)
 *   npm run deploy                                             push again to the script .clasp.json binds
 *
 * The calls, as Google documents them: Drive files.create as a multipart upload whose metadata
 * asks for the Google Sheets type, which converts the .xlsx (Drive v3 "Upload file data":
 * "import to Google Docs types"); Apps Script projects.create with `parentId`, the sheet, which
 * makes a script bound to it; projects.updateContent with dist/ as built, stored as the HEAD
 * version, which is what a bound script's menu and triggers run (no deployment is needed for them).
 * Then the web app, which only a deployment serves: projects.versions.create and Duban's one
 * deployment created or moved to that version (deployments.list/create/update), its address
 * printed (scripts/google/webapp-deployment.ts).
 * Before any of it, the pre-push check runs: lint, typecheck, build, fast tests (prepush-check.ts).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { basename, extname, relative, resolve } from 'node:path';
import { WorkbookFormatError } from '../../runtime/xlsx';
import { translator } from '../../src/core/i18n';
import { parseFlags, sheetIdFrom, sheetUrl, UsageError, wantsHelp } from './args';
import { sheetOfScript } from './bound-sheet';
import { bundleFiles } from './bundle-files';
import { loadClaspLogin } from './clasp-login';
import { type ClaspBinding, claspProjectFile, readBinding, writeBinding } from './clasp-project';
import { type GoogleClients, googleClients } from './clients';
import { type CommandContext, exitCodeOf } from './command';
import { type Attempt, askGoogle, GoogleRefusal } from './errors';
import { carryMarks, countByPlace, describeMark, type Mark, marksInWorkbook } from './marks';
import { SCOPES } from './scopes';
import { deployWebApp } from './webapp-deployment';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Asking Drive for this type on upload converts the file to a Google Sheet. */
export const GOOGLE_SHEET_MIME = 'application/vnd.google-apps.spreadsheet';

const zh = translator('zh-CN');
/** The script's title in the Apps Script editor and in its executions: the menu's name. */
export const SCRIPT_TITLE = zh('menu.title');

const USAGE =
  'usage: npm run deploy -- --xlsx <ledger.xlsx> [--title <title>] | --sheet <id or URL> [--user <clasp user>] (--help for more)';

export const DEPLOY_HELP = `Puts Duban (dist/Code.js and dist/appsscript.json, built and tested first) on a live Google Sheet.

usage:
  npm run deploy -- --xlsx <ledger.xlsx> [--title <title>]
      uploads the workbook to your Drive as a new Google Sheet (named <title>, default the
      file's name), creates a script bound to it, pushes the bundle, writes .clasp.json
  npm run deploy -- --sheet <id or URL>
      binds a new script to a sheet you already have and pushes; when .clasp.json already
      binds that sheet, only pushes again
  npm run deploy
      pushes again to the script .clasp.json binds

options:
  --user <name>   the clasp login to use (clasp login --user <name>; default: the default one)
  -h, --help      show this and exit

After each push, when dist/appsscript.json declares a web app ("webapp" block), it makes a new
version of the script and points Duban's web app deployment at it (made the first time; later
updated, so its address never changes: the links in notices keep working), then prints
  Web app: https://script.google.com/macros/s/<id>/exec
the address of the unit's reply page and the inspector's page. Deployments made by hand in the
Apps Script editor are left alone.

Before pushing it runs npm run lint, typecheck, build and test:fast; if one fails, nothing is sent.
Logging in: README, "Deploying to a real sheet".

exit codes: 0 pushed (and the web app deployed, when the manifest declares one); 1 Google refused, no
login, or the check failed (one line says why and what to do); 2 bad arguments.
`;

interface DeployOptions {
  xlsx?: string;
  title?: string;
  sheetId?: string;
  user?: string;
}

function parseDeployArgs(argv: string[]): DeployOptions {
  const flags = parseFlags(argv, ['xlsx', 'title', 'sheet', 'user'], USAGE);
  const xlsx = flags.get('xlsx');
  const sheet = flags.get('sheet');
  if (xlsx && sheet) throw new UsageError(`give --xlsx (a new sheet) or --sheet (an existing one), not both. ${USAGE}`);
  if (flags.has('title') && !xlsx) throw new UsageError(`--title names the sheet --xlsx uploads; it goes with --xlsx. ${USAGE}`);
  const options: DeployOptions = { title: flags.get('title'), user: flags.get('user') };
  if (xlsx) {
    const file = resolve(xlsx);
    if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`workbook not found: ${xlsx}`);
    if (extname(file).toLowerCase() !== '.xlsx')
      throw new UsageError(`${xlsx} is not an .xlsx workbook: save it as .xlsx (Excel or WPS: Save As → .xlsx) first`);
    options.xlsx = file;
  }
  if (sheet) options.sheetId = sheetIdFrom(sheet);
  return options;
}

async function uploadAsSheet(google: GoogleClients, file: string, title: string): Promise<string> {
  const res = await askGoogle({ action: 'upload the workbook to Google Drive', api: 'Google Drive API', scope: SCOPES.driveFile }, () =>
    google.drive.files.create(
      {
        requestBody: { name: title, mimeType: GOOGLE_SHEET_MIME },
        media: { mimeType: XLSX_MIME, body: createReadStream(file) },
        fields: 'id,name,mimeType',
      },
      google.perCall,
    ),
  );
  const id = res.data.id;
  if (!id) throw new GoogleRefusal('other', "Google Drive answered the upload without the new file's id; run the command again.");
  return id;
}

async function createBoundScript(google: GoogleClients, sheetId: string): Promise<string> {
  const attempt: Attempt = {
    action: 'create a script bound to the sheet',
    api: 'Apps Script API',
    scope: SCOPES.scriptProjects,
    target: { kind: 'sheet', id: sheetId },
  };
  const res = await askGoogle(attempt, () =>
    google.script.projects.create({ requestBody: { title: SCRIPT_TITLE, parentId: sheetId } }, google.perCall),
  );
  const id = res.data.scriptId;
  if (!id) throw new GoogleRefusal('other', "Apps Script answered without the new project's id; run the command again.");
  return id;
}

/** The push, then the web app deployment moved to what was pushed (scripts/google/webapp-deployment.ts). */
async function push(google: GoogleClients, scriptId: string, ctx: CommandContext): Promise<void> {
  const files = bundleFiles(ctx.projectDir);
  await askGoogle(
    {
      action: 'push the bundle to the script',
      api: 'Apps Script API',
      scope: SCOPES.scriptProjects,
      target: { kind: 'script', id: scriptId },
    },
    () => google.script.projects.updateContent({ scriptId, requestBody: { files } }, google.perCall),
  );
  const kib = (Buffer.byteLength(files.find((f) => f.type === 'SERVER_JS')?.source ?? '') / 1024).toFixed(1);
  ctx.out(`Pushed dist/Code.js (${kib} KiB) and dist/appsscript.json to the script ${scriptId}: the sheet runs this code from now on.`);
  await deployWebApp(google, scriptId, files, ctx);
}

/** The marks to carry; a workbook the runtime cannot read has none it could see (said, not silent). */
async function marksToCarry(file: string, ctx: CommandContext): Promise<Mark[]> {
  try {
    return await marksInWorkbook(file);
  } catch (e) {
    if (!(e instanceof WorkbookFormatError)) throw e;
    ctx.err(
      `Could not look for Duban's marks in ${basename(file)} (${e.reason}); if Duban set it up, the live sheet will not know its columns.`,
    );
    return [];
  }
}

/**
 * After the upload: Duban's marks become developer metadata on the live sheet (scripts/google/marks.ts).
 * If Sheets refuses, nothing is bound: the person is told which marks the uploaded copy lacks.
 */
async function carryMarksTo(google: GoogleClients, sheet: string, marks: Mark[], ctx: CommandContext): Promise<void> {
  let plan: Awaited<ReturnType<typeof carryMarks>>;
  try {
    plan = await carryMarks(google, sheet, marks);
  } catch (e) {
    ctx.err(
      `The sheet is uploaded (${sheetUrl(sheet)}) but without Duban's marks; not carried: ${marks.map(describeMark).join(', ')}. Delete that copy from your Drive and, once this is fixed, run the command again.`,
    );
    throw e;
  }
  if (plan.carried.length > 0)
    ctx.out(`Carried Duban's ${plan.carried.length} marks to the sheet as developer metadata ${countByPlace(plan.carried)}.`);
  if (plan.removedNames > 0)
    ctx.out(`Removed the ${plan.removedNames} named ranges Google's import made of Duban's marks (their names start with _DevMeta).`);
  if (plan.unplaced.length > 0) {
    const missing = [...new Set(plan.unplaced.map((m) => (m.place.type === 'SPREADSHEET' ? '' : m.place.sheet)))].join(' or ');
    ctx.err(
      `Could not carry ${plan.unplaced.length} of Duban's marks: the live sheet has no sheet named ${missing}: ${plan.unplaced.map(describeMark).join(', ')}.`,
    );
  }
}

function leftToDo(ctx: CommandContext, sheetId: string): void {
  ctx.out(`Sheet: ${sheetUrl(sheetId)}`);
  ctx.out(
    `Left to do by hand: open the sheet (reload it if it is open), choose ${zh('menu.title')} → ${zh('menu.setup')} and allow what Google asks, then ${zh('menu.title')} → ${zh('menu.installTriggers')}.`,
  );
}

export async function deploy(argv: string[], ctx: CommandContext): Promise<number> {
  if (wantsHelp(argv)) {
    ctx.out(DEPLOY_HELP);
    return 0;
  }
  return exitCodeOf(async () => {
    const options = parseDeployArgs(argv);
    const claspFile = claspProjectFile(ctx.projectDir, ctx.env);
    let bound = readBinding(claspFile);
    if (!options.xlsx && !options.sheetId && !bound) {
      throw new UsageError(
        `.clasp.json binds no script yet: give --xlsx <ledger.xlsx> for a new sheet or --sheet <id or URL> for one you have. ${USAGE}`,
      );
    }
    const login = loadClaspLogin(ctx.env, options.user);
    await ctx.check();
    const google = googleClients(login, ctx.env, ctx.retry);
    const shownFile = relative(ctx.projectDir, claspFile) || claspFile;
    if (bound && !bound.parentId && options.sheetId && !options.xlsx) {
      // Bound by hand (scriptId only): if that script is already this sheet's, push to it.
      const parentId = await sheetOfScript(google, bound.scriptId);
      if (parentId) bound = { ...bound, parentId };
      if (parentId === options.sheetId) writeBinding(claspFile, bound);
    }

    // Pushing again to the script already bound (no new sheet, or the sheet it is bound to).
    if (bound && !options.xlsx && (!options.sheetId || options.sheetId === bound.parentId)) {
      await push(google, bound.scriptId, ctx);
      if (bound.parentId) ctx.out(`Sheet: ${sheetUrl(bound.parentId)}`);
      return;
    }

    let sheet: string;
    if (options.xlsx) {
      const title = options.title ?? basename(options.xlsx, extname(options.xlsx));
      const marks = await marksToCarry(options.xlsx, ctx);
      sheet = await uploadAsSheet(google, options.xlsx, title);
      ctx.out(`Uploaded ${basename(options.xlsx)} to your Drive as the Google Sheet "${title}" (${sheet}).`);
      await carryMarksTo(google, sheet, marks, ctx);
    } else {
      sheet = options.sheetId!;
    }
    let scriptId: string;
    try {
      scriptId = await createBoundScript(google, sheet);
    } catch (e) {
      if (options.xlsx)
        ctx.err(`The sheet is uploaded (${sheetUrl(sheet)}); once this is fixed, bind it with: npm run deploy -- --sheet ${sheet}`);
      throw e;
    }
    ctx.out(`Created the Apps Script project "${SCRIPT_TITLE}" (${scriptId}) bound to the sheet.`);
    // Written before the push, so a push that fails is retried with a plain `npm run deploy`.
    const binding: ClaspBinding = { scriptId, parentId: sheet };
    writeBinding(claspFile, binding);
    const was =
      bound && bound.parentId !== sheet
        ? ` (it bound ${bound.parentId ? `the sheet ${bound.parentId}` : `the script ${bound.scriptId}`} before)`
        : '';
    ctx.out(`Wrote ${shownFile}: scriptId ${scriptId}, rootDir dist${was}; \`npm run deploy\` pushes again.`);
    await push(google, scriptId, ctx);
    leftToDo(ctx, sheet);
  }, ctx);
}
