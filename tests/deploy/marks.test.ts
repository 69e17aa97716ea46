/**
 * Duban's marks (developer metadata, kept in an .xlsx as `_DevMeta.…` defined names) on the way to
 * a live sheet and back, against the local fake of Google: `deploy --xlsx` turns each name into
 * developer metadata on the same sheet and column (Sheets spreadsheets.batchUpdate) and removes
 * the named ranges Google's import made of them; `pull` writes the live sheet's metadata back into
 * the .xlsx as the same names, so the runtime (`npm run local`) sees the same marks.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { LocalRuntime, type WorkbookModel } from '../../runtime/index';
import { exportXlsx, importXlsx } from '../../runtime/xlsx';
import { deploy } from '../../scripts/google/deploy-command';
import { withMarkNames } from '../../scripts/google/marks';
import { pull } from '../../scripts/google/pull-command';
import { runJobOn } from '../../scripts/local';
import { bundle } from '../e2e/harness';
import { googleErrors, importedSheetId } from './fake-google';
import { useFakeGoogle } from './harness';
import { leakedSecrets, ROOT, testProject, webAppCalls } from './project';

const SAMPLE = join(ROOT, 'samples', '创城台账示例.xlsx');
const UNITS_SHEET_ID = importedSheetId(1);
const GET_FIELDS = 'sheets.properties(sheetId,title,gridProperties(rowCount,columnCount)),namedRanges(namedRangeId,name)';

const google = useFakeGoogle();

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'duban-marks-'));
}

/** The sample ledger with marks of every kind the runtime keeps, one of them past column Z. */
async function markedWorkbook(): Promise<string> {
  const model = await importXlsx(SAMPLE);
  const [ledger, units] = model.sheets;
  model.developerMetadata = [{ id: 1, key: 'duban.version', value: '1', visibility: 'DOCUMENT' }];
  ledger!.developerMetadata = [
    { id: 2, key: 'duban.sheet', value: 'tasks', visibility: 'DOCUMENT', location: { type: 'SHEET' } },
    { id: 3, key: 'duban.column', value: 'key', visibility: 'DOCUMENT', location: { type: 'COLUMN', index: 11 } },
    { id: 4, key: 'duban.column', value: 'messages', visibility: 'DOCUMENT', location: { type: 'COLUMN', index: 30 } },
  ];
  units!.developerMetadata = [
    { id: 5, key: 'duban.sheet', value: 'units', visibility: 'DOCUMENT', location: { type: 'SHEET' } },
    { id: 6, key: '备注', value: null, visibility: 'PROJECT', location: { type: 'ROW', index: 2 } },
  ];
  const file = join(scratch(), '台账.xlsx');
  await exportXlsx(model, file);
  return file;
}

/** The marks as the runtime reads them from a file: what `npm run local` sees. */
async function marksIn(file: string): Promise<unknown> {
  const model = await importXlsx(file);
  return {
    spreadsheet: model.developerMetadata ?? [],
    sheets: model.sheets.map((s) => ({ name: s.name, marks: s.developerMetadata ?? [] })),
  };
}

function bodyOf(i: number): unknown {
  return JSON.parse(google().requests[i]!.body.toString('utf8'));
}

function uploadedSheet(stdout: string[]): string {
  return /\(([\w-]+)\)\.$/.exec(stdout.find((l) => l.startsWith('Uploaded'))!)![1]!;
}

describe('deploy --xlsx carries the marks to the live sheet', () => {
  it('makes each _DevMeta name developer metadata on the same sheet, column or row, in one batchUpdate, and removes the named ranges Google made of them', async () => {
    const file = await markedWorkbook();
    const workbookXml = await (await JSZip.loadAsync(readFileSync(file))).file('xl/workbook.xml')!.async('string');
    expect([...workbookXml.matchAll(/definedName name="(_DevMeta\.[^"]+)"/g)]).toHaveLength(6);
    // Google's import keeps (some of) them as named ranges with '_' for '.', beside an office's own.
    google().namedRangesOnImport = (found) => [
      ...found.filter((n) => n.startsWith('_DevMeta.')).map((n) => n.replace(/\./g, '_')),
      '台账范围',
    ];

    const p = await testProject(google());
    expect(await deploy(['--xlsx', file], p.ctx)).toBe(0);
    expect(p.stderr).toEqual([]);
    const sheet = uploadedSheet(p.stdout);
    const scriptId = p.claspJson().scriptId as string;
    expect(google().calls()).toEqual([
      'POST /token',
      'POST /upload/drive/v3/files',
      `GET /v4/spreadsheets/${sheet}`,
      `POST /v4/spreadsheets/${sheet}:batchUpdate`,
      'POST /v1/projects',
      `PUT /v1/projects/${scriptId}/content`,
      ...webAppCalls(scriptId),
    ]);
    expect(google().requests[2]!.query).toEqual({ fields: GET_FIELDS });
    const meta = (id: number, key: string, value: string | null, location: object, visibility = 'DOCUMENT'): object => ({
      createDeveloperMetadata: {
        developerMetadata: { metadataId: id, metadataKey: key, ...(value === null ? {} : { metadataValue: value }), location, visibility },
      },
    });
    const column = (sheetId: number, index: number): object => ({
      dimensionRange: { sheetId, dimension: 'COLUMNS', startIndex: index, endIndex: index + 1 },
    });
    expect(bodyOf(3)).toEqual({
      requests: [
        // The grid Google made is 26 columns wide; column AE (index 30) must exist before it is marked.
        { appendDimension: { sheetId: 0, dimension: 'COLUMNS', length: 5 } },
        meta(1, 'duban.version', '1', { spreadsheet: true }),
        meta(2, 'duban.sheet', 'tasks', { sheetId: 0 }),
        meta(3, 'duban.column', 'key', column(0, 11)),
        meta(4, 'duban.column', 'messages', column(0, 30)),
        meta(5, 'duban.sheet', 'units', { sheetId: UNITS_SHEET_ID }),
        meta(6, '备注', null, { dimensionRange: { sheetId: UNITS_SHEET_ID, dimension: 'ROWS', startIndex: 2, endIndex: 3 } }, 'PROJECT'),
        ...[1, 2, 3, 4, 5, 6].map((i) => ({ deleteNamedRange: { namedRangeId: `nr000${i}` } })),
      ],
    });
    expect(p.stdout).toContain(
      "Carried Duban's 6 marks to the sheet as developer metadata (the spreadsheet: 1, 任务台账: 3, 责任单位: 2).",
    );
    expect(p.stdout).toContain("Removed the 6 named ranges Google's import made of Duban's marks (their names start with _DevMeta).");
    // The office's own named range stays.
    expect(
      google()
        .spreadsheets.get(sheet)!
        .namedRanges.map((n) => n.name),
    ).toEqual(['台账范围']);
    expect(leakedSecrets(p)).toEqual([]);
  });

  it('makes no Sheets call for a workbook without marks (a ledger not set up yet)', async () => {
    const p = await testProject(google());
    expect(await deploy(['--xlsx', SAMPLE], p.ctx)).toBe(0);
    expect(
      google()
        .calls()
        .filter((c) => c.includes('/v4/')),
    ).toEqual([]);
  });

  it('says which marks were not carried, and binds nothing, when Sheets refuses', async () => {
    const file = await markedWorkbook();
    google().refuse('POST', /:batchUpdate$/, 403, googleErrors.serviceDisabled('sheets.googleapis.com', 'Google Sheets API'));
    const p = await testProject(google());
    const before = readFileSync(join(p.dir, '.clasp.json'), 'utf8');
    expect(await deploy(['--xlsx', file], p.ctx)).toBe(1);
    const sheet = uploadedSheet(p.stdout);
    expect(p.stderr).toEqual([
      `The sheet is uploaded (https://docs.google.com/spreadsheets/d/${sheet}/edit) but without Duban's marks; not carried: the spreadsheet (duban.version = 1), 任务台账 (duban.sheet = tasks), 任务台账 column L (duban.column = key), 任务台账 column AE (duban.column = messages), 责任单位 (duban.sheet = units), 责任单位 row 3 (备注). Delete that copy from your Drive and, once this is fixed, run the command again.`,
      'The Google Sheets API is not enabled in the Google Cloud project of your OAuth client: enable it at https://console.developers.google.com/apis/api/sheets.googleapis.com/overview?project=123456789012, wait a few minutes, then run the command again.',
    ]);
    expect(google().calls().at(-1)).toBe(`POST /v4/spreadsheets/${sheet}:batchUpdate`);
    expect(google().spreadsheets.get(sheet)!.developerMetadata).toEqual([]);
    expect(readFileSync(join(p.dir, '.clasp.json'), 'utf8')).toBe(before);
  });

  it("carries the rest and names the marks it could not place when Google's import renamed a sheet", async () => {
    const file = await markedWorkbook();
    google().importedTitle = (name) => (name === '责任单位' ? '责任单位 1' : name);
    const p = await testProject(google());
    expect(await deploy(['--xlsx', file], p.ctx)).toBe(0);
    expect(p.stderr).toEqual([
      "Could not carry 2 of Duban's marks: the live sheet has no sheet named 责任单位: 责任单位 (duban.sheet = units), 责任单位 row 3 (备注).",
    ]);
    expect(p.stdout).toContain("Carried Duban's 4 marks to the sheet as developer metadata (the spreadsheet: 1, 任务台账: 3).");
    const sheet = uploadedSheet(p.stdout);
    expect(
      google()
        .spreadsheets.get(sheet)!
        .developerMetadata.map((m) => m.metadataId),
    ).toEqual([1, 2, 3, 4]);
  });
});

describe('pull writes the live sheet’s marks back as defined names', () => {
  it('reads the metadata with one search and saves the export with the same _DevMeta names: the runtime sees the marks it deployed', async () => {
    const file = await markedWorkbook();
    const p = await testProject(google());
    expect(await deploy(['--xlsx', file], p.ctx)).toBe(0);
    const sheet = uploadedSheet(p.stdout);

    google().requests.length = 0;
    const out = join(scratch(), 'live.xlsx');
    expect(await pull(['--sheet', sheet, '--out', out], p.ctx)).toBe(0);
    expect(google().calls()).toEqual([
      'POST /token',
      `GET /drive/v3/files/${sheet}/export`,
      `GET /v4/spreadsheets/${sheet}`,
      `POST /v4/spreadsheets/${sheet}/developerMetadata:search`,
    ]);
    expect(google().requests[2]!.query).toEqual({ fields: 'sheets.properties(sheetId,title)' });
    expect(bodyOf(3)).toEqual({
      dataFilters: ['SPREADSHEET', 'SHEET', 'COLUMN', 'ROW'].map((locationType) => ({ developerMetadataLookup: { locationType } })),
    });
    expect(await marksIn(out)).toEqual(await marksIn(file));
    expect(p.stdout.at(-2)).toMatch(
      new RegExp(
        `^Saved the sheet ${sheet} as ${out.replace(/[.\\]/g, '\\$&')} \\(\\d+\\.\\d KiB\\), with Duban's 6 marks as defined names\\.$`,
      ),
    );
  });

  it('round-trips the marks a real setup made: the pulled file reads as the one deployed', async () => {
    const model: WorkbookModel = await importXlsx(SAMPLE);
    const runtime = new LocalRuntime({ workbook: model, now: new Date('2026-03-02T01:00:00Z'), scriptTimeZone: 'Asia/Shanghai' });
    runtime.load(await bundle(), 'Code.js');
    expect(runJobOn(runtime, 'setup').value.ok).toBe(true);
    const file = join(scratch(), '已初始化.xlsx');
    await exportXlsx(runtime.workbook, file);
    const deployed = (await marksIn(file)) as { sheets: { marks: unknown[] }[] };
    expect(deployed.sheets.flatMap((s) => s.marks).length).toBeGreaterThan(5);

    const p = await testProject(google());
    expect(await deploy(['--xlsx', file], p.ctx)).toBe(0);
    const out = join(scratch(), 'live.xlsx');
    expect(await pull(['--sheet', uploadedSheet(p.stdout), '--out', out], p.ctx)).toBe(0);
    expect(await marksIn(out)).toEqual(deployed);
  });

  it('saves nothing when Sheets refuses to show the marks: a file without them would read Duban’s columns as the office’s', async () => {
    const p = await testProject(google());
    const sheet = '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg';
    google().addSpreadsheet(sheet, ['任务台账']);
    google().refuse('POST', /developerMetadata:search$/, 403, googleErrors.serviceDisabled('sheets.googleapis.com', 'Google Sheets API'));
    const out = join(scratch(), 'live.xlsx');
    expect(await pull(['--sheet', sheet, '--out', out], p.ctx)).toBe(1);
    expect(p.stderr).toEqual([
      `Nothing was saved: without Duban's marks the local runner would take Duban's columns for the office's.`,
      'The Google Sheets API is not enabled in the Google Cloud project of your OAuth client: enable it at https://console.developers.google.com/apis/api/sheets.googleapis.com/overview?project=123456789012, wait a few minutes, then run the command again.',
    ]);
    expect(() => readFileSync(out)).toThrow();
  });
});

describe('withMarkNames', () => {
  it("adds Duban's names beside an office's own defined names, and replaces rather than doubles names of its own", async () => {
    const zip = await JSZip.loadAsync(readFileSync(SAMPLE));
    const xml = await zip.file('xl/workbook.xml')!.async('string');
    zip.file(
      'xl/workbook.xml',
      xml.replace(
        '</sheets>',
        `</sheets><definedNames><definedName name="台账范围">'任务台账'!$A$1:$J$20</definedName><definedName name="_DevMeta.9.t.d.${Buffer.from('old').toString('hex')}.n">'任务台账'!$1:$1048576</definedName></definedNames>`,
      ),
    );
    const exported = await zip.generateAsync({ type: 'nodebuffer' });
    const names = [
      {
        name: `_DevMeta.1.c.d.${Buffer.from('duban.column').toString('hex')}.v${Buffer.from('key').toString('hex')}`,
        ref: "'任务台账'!$L:$L",
      },
    ];
    const file = join(scratch(), 'live.xlsx');
    writeFileSync(file, await withMarkNames(exported, names));

    const out = await (await JSZip.loadAsync(readFileSync(file))).file('xl/workbook.xml')!.async('string');
    expect([...out.matchAll(/<definedName name="([^"]+)">([^<]*)</g)].map((m) => [m[1], m[2]])).toEqual([
      ['台账范围', "'任务台账'!$A$1:$J$20"],
      [names[0]!.name, "'任务台账'!$L:$L"],
    ]);
    expect(await marksIn(file)).toMatchObject({
      spreadsheet: [],
      sheets: [
        {
          name: '任务台账',
          marks: [{ id: 1, key: 'duban.column', value: 'key', visibility: 'DOCUMENT', location: { type: 'COLUMN', index: 11 } }],
        },
        { name: '责任单位', marks: [] },
      ],
    });
  });
});
