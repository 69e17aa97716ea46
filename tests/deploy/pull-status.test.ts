/**
 * `npm run pull` (Drive export as .xlsx) and `npm run status` (the script's executions), against
 * the local fake of Google.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { XLSX_MIME } from '../../scripts/google/deploy-command';
import { pull } from '../../scripts/google/pull-command';
import { formatDuration, status } from '../../scripts/google/status-command';
import { googleErrors } from './fake-google';
import { useFakeGoogle } from './harness';
import { leakedSecrets, type TestProject, testProject } from './project';

const SHEET = '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg';
const SCRIPT = '1ScriptAbCdEfGhIjKlMnOpQrStUvWxYz0123456789';

const google = useFakeGoogle();

function bind(project: TestProject): void {
  writeFileSync(join(project.dir, '.clasp.json'), JSON.stringify({ scriptId: SCRIPT, rootDir: 'dist', parentId: SHEET }));
}

describe('npm run pull', () => {
  it('exports the sheet with the .xlsx MIME type and, the sheet carrying no marks, saves the bytes as they came', async () => {
    const p = await testProject(google());
    google().addSpreadsheet(SHEET, ['任务台账']);
    const out = join(mkdtempSync(join(tmpdir(), 'duban-pull-')), 'live', '台账.xlsx');
    expect(await pull(['--sheet', `https://docs.google.com/spreadsheets/d/${SHEET}/edit`, '--out', out], p.ctx)).toBe(0);
    // Then Duban's marks are looked for (tests/deploy/marks.test.ts): this sheet has none.
    expect(google().calls()).toEqual([
      'POST /token',
      `GET /drive/v3/files/${SHEET}/export`,
      `GET /v4/spreadsheets/${SHEET}`,
      `POST /v4/spreadsheets/${SHEET}/developerMetadata:search`,
    ]);
    expect(google().requests[1]!.query).toEqual({ mimeType: XLSX_MIME });
    expect(readFileSync(out).equals(google().exportBytes)).toBe(true);
    expect(p.stdout[0]).toBe(`Saved the sheet ${SHEET} as ${out} (${(google().exportBytes.length / 1024).toFixed(1)} KiB).`);
    expect(p.checks).toBe(0);
    expect(leakedSecrets(p)).toEqual([]);
  });

  it('pulls the sheet .clasp.json binds when --sheet is not given', async () => {
    const p = await testProject(google());
    bind(p);
    google().addSpreadsheet(SHEET, ['任务台账']);
    const out = join(p.dir, 'out', 'live.xlsx');
    expect(await pull(['--out', out], p.ctx)).toBe(0);
    expect(google().calls()).toEqual([
      'POST /token',
      `GET /drive/v3/files/${SHEET}/export`,
      `GET /v4/spreadsheets/${SHEET}`,
      `POST /v4/spreadsheets/${SHEET}/developerMetadata:search`,
    ]);
    expect(existsSync(out)).toBe(true);
    expect(leakedSecrets(p)).toEqual([]);
  });

  it('says plainly when the sheet is over the 10 MB export limit, and writes nothing', async () => {
    const p = await testProject(google());
    google().refuse('GET', /\/export$/, 403, googleErrors.exportTooLarge());
    const out = join(p.dir, 'big.xlsx');
    expect(await pull(['--sheet', SHEET, '--out', out], p.ctx)).toBe(1);
    expect(p.stderr).toEqual([
      `The sheet ${SHEET} is larger than the 10 MB that Drive can export as .xlsx (Google said: This file is too large to be exported): download it from Sheets instead (File → Download → Microsoft Excel (.xlsx)), or move old rows to another spreadsheet.`,
    ]);
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    [['--sheet', SHEET], '--out is required.'],
    [['--sheet', SHEET, '--out', 'live.csv'], '--out live.csv must be an .xlsx file name'],
    [['--out', 'live.xlsx'], '--sheet is required (.clasp.json names no bound sheet).'],
    [['--sheet', 'not a sheet', '--out', 'live.xlsx'], '--sheet "not a sheet" is neither a spreadsheet id nor a Google Sheets address'],
  ])('%j exits 2 with one line and no request', async (argv, message) => {
    const p = await testProject(google());
    expect(await pull(argv, p.ctx)).toBe(2);
    expect(p.stderr).toHaveLength(1);
    expect(p.stderr[0]).toContain(message);
    expect(google().requests).toEqual([]);
  });
});

describe('npm run status', () => {
  it("lists the bound script's executions, newest first, in Shanghai time, and when the sweep last ran", async () => {
    const p = await testProject(google());
    bind(p);
    google().processes = [
      {
        projectName: '督办台账',
        functionName: 'onOpen',
        processType: 'SIMPLE_TRIGGER',
        processStatus: 'COMPLETED',
        userAccessLevel: 'OWNER',
        startTime: '2026-11-26T01:15:02.114Z',
        duration: '0.812s',
      },
      {
        projectName: '督办台账',
        functionName: 'sweep',
        processType: 'TIME_DRIVEN',
        processStatus: 'COMPLETED',
        userAccessLevel: 'OWNER',
        startTime: '2026-11-26T01:03:11.506Z',
        duration: '12.345s',
      },
      {
        projectName: '督办台账',
        functionName: 'sweep',
        processType: 'TIME_DRIVEN',
        processStatus: 'TIMED_OUT',
        userAccessLevel: 'OWNER',
        startTime: '2026-11-25T01:02:40Z',
        duration: '360.2s',
      },
      {
        projectName: '督办台账',
        functionName: 'menuSetup',
        processType: 'MENU',
        processStatus: 'RUNNING',
        userAccessLevel: 'OWNER',
        startTime: '2026-11-26T02:00:00Z',
      },
    ];
    expect(await status([], p.ctx)).toBe(0);
    expect(google().calls()).toEqual(['POST /token', 'GET /v1/processes:listScriptProcesses']);
    expect(google().requests[1]!.query).toEqual({ scriptId: SCRIPT, pageSize: '20' });
    expect(p.stdout).toEqual([
      `Script ${SCRIPT} (sheet ${SHEET}): the last 4 executions, newest first (times in Asia/Shanghai):`,
      'started              function   type            duration   status',
      '2026-11-26 10:00:00  menuSetup  MENU            —          RUNNING',
      '2026-11-26 09:15:02  onOpen     SIMPLE_TRIGGER  0.8 s      COMPLETED',
      '2026-11-26 09:03:11  sweep      TIME_DRIVEN     12.3 s     COMPLETED',
      '2026-11-25 09:02:40  sweep      TIME_DRIVEN     6 min 0 s  TIMED_OUT',
      'Last daily sweep: started 2026-11-26 09:03:11, completed after 12.3 s.',
    ]);
    expect(leakedSecrets(p)).toEqual([]);
  });

  it('asks for --limit executions and shows times in --tz', async () => {
    const p = await testProject(google());
    bind(p);
    google().processes = [
      { functionName: 'sweep', processType: 'TIME_DRIVEN', processStatus: 'FAILED', startTime: '2026-11-26T01:03:11Z', duration: '2.5s' },
    ];
    expect(await status(['--sheet', SHEET, '--limit', '5', '--tz', 'Europe/Paris'], p.ctx)).toBe(0);
    expect(google().requests[1]!.query).toEqual({ scriptId: SCRIPT, pageSize: '5' });
    expect(p.stdout.at(-1)).toBe('Last daily sweep: started 2026-11-26 02:03:11, failed after 2.5 s.');
  });

  it('says when the script has no executions and no sweep yet', async () => {
    const p = await testProject(google());
    bind(p);
    expect(await status([], p.ctx)).toBe(0);
    expect(p.stdout).toEqual([
      `Script ${SCRIPT} (sheet ${SHEET}): no executions recorded.`,
      'No daily sweep among these executions: if the daily check is on (督办台账 → 开启每日自动检查), it has not run yet.',
    ]);
  });

  it('names the missing scope when the login lacks script.processes', async () => {
    const p = await testProject(google());
    bind(p);
    google().refuse(
      'GET',
      /listScriptProcesses/,
      403,
      googleErrors.insufficientScopes('script.googleapis.com', 'google.apps.script.management.v1.ProcessService.ListScriptProcesses'),
    );
    expect(await status([], p.ctx)).toBe(1);
    expect(p.stderr).toEqual([
      "Your clasp login lacks the https://www.googleapis.com/auth/script.processes scope needed to list the script's executions: log in again with `npx clasp login --creds <client_secret.json> --extra-scopes https://www.googleapis.com/auth/drive.file,https://www.googleapis.com/auth/script.projects,https://www.googleapis.com/auth/script.processes,https://www.googleapis.com/auth/script.deployments`.",
    ]);
  });

  it('asks Apps Script which sheet a hand-bound script (scriptId only) belongs to before showing it for --sheet', async () => {
    const p = await testProject(google());
    writeFileSync(join(p.dir, '.clasp.json'), JSON.stringify({ scriptId: SCRIPT, rootDir: 'dist' }));
    google().projects.set(SCRIPT, { parentId: SHEET });
    expect(await status(['--sheet', SHEET], p.ctx)).toBe(0);
    expect(google().calls()).toEqual(['POST /token', `GET /v1/projects/${SCRIPT}`, 'GET /v1/processes:listScriptProcesses']);

    google().requests.length = 0;
    expect(await status(['--sheet', '1OtherSheetAbCdEfGhIjKlMnOpQrStUvWxYz'], p.ctx)).toBe(2);
    expect(google().calls()).toEqual(['POST /token', `GET /v1/projects/${SCRIPT}`]);
    expect(p.stderr).toEqual([
      `${join(p.dir, '.clasp.json')} binds the script ${SCRIPT}, not the sheet 1OtherSheetAbCdEfGhIjKlMnOpQrStUvWxYz: run \`npm run deploy -- --sheet 1OtherSheetAbCdEfGhIjKlMnOpQrStUvWxYz\` to bind it, or run status where it was deployed`,
    ]);
  });

  it.each([
    ['no binding', [], false, 'binds no script yet: run `npm run deploy -- --sheet <id or URL>` (or --xlsx) first'],
    [
      'another sheet',
      ['--sheet', '1OtherSheetAbCdEfGhIjKlMnOpQrStUvWxYz'],
      true,
      `binds the sheet ${SHEET}, not the sheet 1OtherSheetAbCdEfGhIjKlMnOpQrStUvWxYz`,
    ],
    ['a bad limit', ['--limit', '0'], true, '--limit 0 must be a whole number from 1 to 200'],
    ['an unknown zone', ['--tz', 'Mars/Olympus'], true, 'unknown time zone "Mars/Olympus"'],
  ])('%s exits 2 with one line and no request', async (_, argv, bound, message) => {
    const p = await testProject(google());
    if (bound) bind(p);
    expect(await status(argv as string[], p.ctx)).toBe(2);
    expect(p.stderr).toHaveLength(1);
    expect(p.stderr[0]).toContain(message);
    expect(google().requests).toEqual([]);
  });
});

describe('formatDuration', () => {
  it('reads the API\'s duration ("12.345s") as seconds, and minutes past a minute', () => {
    expect([
      formatDuration('0.05s'),
      formatDuration('59.96s'),
      formatDuration('61s'),
      formatDuration(undefined),
      formatDuration(''),
    ]).toEqual(['0.1 s', '60.0 s', '1 min 1 s', '—', '—']);
  });
});
