/**
 * `npm run status -- [--sheet <id or URL>]`: the bound script's recent executions, so "did last
 * night's sweep run?" is one command.
 *
 * Apps Script v1 processes.listScriptProcesses (scope script.processes) lists a script's
 * executions: functionName, processType (TIME_DRIVEN for the daily trigger, MENU, EDITOR,
 * SIMPLE_TRIGGER …), processStatus (COMPLETED, FAILED, TIMED_OUT, RUNNING …), startTime (RFC 3339)
 * and duration (a protobuf Duration in JSON: seconds with an "s", e.g. "12.345s").
 */
import { DateTime } from 'luxon';
import { translator } from '../../src/core/i18n';
import { DAILY_JOBS } from '../../src/gas/triggers';
import { parseFlags, sheetIdFrom, UsageError, wantsHelp } from './args';
import { sheetOfScript } from './bound-sheet';
import { loadClaspLogin } from './clasp-login';
import { claspProjectFile, readBinding } from './clasp-project';
import { googleClients } from './clients';
import { type CommandContext, exitCodeOf } from './command';
import { askGoogle } from './errors';
import { SCOPES } from './scopes';

const zh = translator('zh-CN');

const USAGE = 'usage: npm run status -- [--sheet <id or URL>] [--limit <n>] [--tz <zone>] [--user <clasp user>] (--help for more)';

/** The zone start times are shown in unless --tz says otherwise: the offices' own, as for `npm run local`. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
export const DEFAULT_LIMIT = 20;

export const STATUS_HELP = `Lists the recent executions of the script bound in .clasp.json: when each started, which
function, how it was started, how long it ran and how it ended; then when the daily sweep last ran.

usage: npm run status -- [--sheet <id or URL>] [--limit <n>] [--tz <zone>]

options:
  --sheet <id or URL>   check that .clasp.json binds this sheet (status shows its script)
  --limit <n>           how many executions, newest first (default ${DEFAULT_LIMIT}, at most 200)
  --tz <zone>           the time zone of the times shown (default ${DEFAULT_TIME_ZONE})
  --user <name>         the clasp login to use (default: the default one)
  -h, --help            show this and exit

exit codes: 0 listed; 1 Google refused or no login (one line says why and what to do);
2 bad arguments.
`;

interface Execution {
  functionName?: string | null;
  processType?: string | null;
  processStatus?: string | null;
  startTime?: string | null;
  duration?: string | null;
}

/** "12.345s" → "12.3 s"; a running execution has no duration yet. */
export function formatDuration(duration: string | null | undefined): string {
  const seconds = /^(\d+(?:\.\d+)?)s$/.exec(duration ?? '')?.[1];
  if (seconds === undefined) return '—';
  const s = Number(seconds);
  return s >= 60 ? `${Math.floor(s / 60)} min ${Math.round(s % 60)} s` : `${s.toFixed(1)} s`;
}

function formatStart(start: string | null | undefined, zone: string): string {
  const at = DateTime.fromISO(start ?? '', { setZone: true });
  return at.isValid ? at.setZone(zone).toFormat('yyyy-MM-dd HH:mm:ss') : '—';
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '));
}

export async function status(argv: string[], ctx: CommandContext): Promise<number> {
  if (wantsHelp(argv)) {
    ctx.out(STATUS_HELP);
    return 0;
  }
  return exitCodeOf(async () => {
    const flags = parseFlags(argv, ['sheet', 'limit', 'tz', 'user'], USAGE);
    const limitText = flags.get('limit') ?? String(DEFAULT_LIMIT);
    const limit = Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200)
      throw new UsageError(`--limit ${limitText} must be a whole number from 1 to 200`);
    const zone = flags.get('tz') ?? DEFAULT_TIME_ZONE;
    if (!DateTime.local().setZone(zone).isValid) throw new UsageError(`unknown time zone "${zone}"`);
    const claspFile = claspProjectFile(ctx.projectDir, ctx.env);
    const bound = readBinding(claspFile);
    const sheetText = flags.get('sheet');
    const sheetId = sheetText ? sheetIdFrom(sheetText) : undefined;
    if (!bound) throw new UsageError(`${claspFile} binds no script yet: run \`npm run deploy -- --sheet <id or URL>\` (or --xlsx) first`);
    // The Apps Script API cannot list a sheet's bound scripts: only .clasp.json knows which it is.
    const notThisSheet = (): UsageError =>
      new UsageError(
        `${claspFile} binds ${bound.parentId ? `the sheet ${bound.parentId}` : `the script ${bound.scriptId}`}, not the sheet ${sheetId}: run \`npm run deploy -- --sheet ${sheetId}\` to bind it, or run status where it was deployed`,
      );
    if (sheetId && bound.parentId && bound.parentId !== sheetId) throw notThisSheet();

    const google = googleClients(loadClaspLogin(ctx.env, flags.get('user')), ctx.env, ctx.retry);
    // Bound by hand (scriptId only): ask Apps Script which sheet the script belongs to.
    if (sheetId && !bound.parentId && (await sheetOfScript(google, bound.scriptId)) !== sheetId) throw notThisSheet();
    const res = await askGoogle(
      {
        action: "list the script's executions",
        api: 'Apps Script API',
        scope: SCOPES.scriptProcesses,
        target: { kind: 'script', id: bound.scriptId },
      },
      () => google.script.processes.listScriptProcesses({ scriptId: bound.scriptId, pageSize: limit }, google.perCall),
    );
    const executions: Execution[] = [...(res.data.processes ?? [])].sort((a, b) => (b.startTime ?? '').localeCompare(a.startTime ?? ''));
    ctx.out(
      `Script ${bound.scriptId}${bound.parentId ? ` (sheet ${bound.parentId})` : ''}: ${executions.length === 0 ? 'no executions recorded.' : `the last ${executions.length} executions, newest first (times in ${zone}):`}`,
    );
    if (executions.length > 0) {
      const rows = [['started', 'function', 'type', 'duration', 'status']];
      for (const x of executions) {
        rows.push([
          formatStart(x.startTime, zone),
          x.functionName || '—',
          x.processType ?? '—',
          formatDuration(x.duration),
          x.processStatus ?? '—',
        ]);
      }
      for (const line of table(rows)) ctx.out(line);
    }
    const sweep = executions.find((x) => (DAILY_JOBS as readonly string[]).includes(x.functionName ?? ''));
    ctx.out(
      sweep
        ? `Last daily sweep: started ${formatStart(sweep.startTime, zone)}, ${(sweep.processStatus ?? 'status unknown').toLowerCase()}${sweep.duration ? ` after ${formatDuration(sweep.duration)}` : ''}.`
        : `No daily sweep among these executions: if the daily check is on (${zh('menu.title')} → ${zh('menu.installTriggers')}), it has not run yet.`,
    );
  }, ctx);
}
