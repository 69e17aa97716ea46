/**
 * Opens the bound spreadsheet (设置 read at once) and finds the sheets a job needs. A job names
 * what it reads before its first write (`wb.load(['units', 'calendar', …])`, which returns the
 * problems found): each sheet is read with one getValues, once, and only when named (an edit
 * on an unrelated sheet reads nothing but the settings). The task sheet is only found here;
 * task-sheet.ts reads it.
 *
 * Which sheets are the script's: those it marked when it created them (see marks.ts). An
 * office's own sheet that merely has the same name (a 设置 of its own) is left alone: never
 * read as the script's, never written. A sheet set up before marks existed is recognised by
 * its whole header row, the one the script wrote, and marked at the next setup.
 */
import { type HolidayProblemCode, parseHolidayRows, shippedHolidayEntries, WorkCalendar } from '../core/calendar/calendar';
import { yearsToCover } from '../core/calendar/coverage';
import { parseUnits, type Unit } from '../core/directory/units';
import { allTexts, type MessageKey, type Translate, translator } from '../core/i18n';
import { DEFAULT_MAX_SCAN_ROWS } from '../core/ledger/header';
import { chooseLedgerSheet, describeLedgerChoice, type LedgerSheetChoice } from '../core/ledger/ledger-sheet';
import type { Problem } from '../core/problems/problem';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from '../core/settings/settings';
import { normalizeHeader, normalizeName } from '../core/text/text';
import { markedSheets, markSheet, type SheetRole } from './marks';
import { type SheetClock, sheetClock } from './time';
import { useConfiguredUrl } from './webapp/url';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** What every mark the script sets on a sheet starts with (duban.sheet, duban.publication …). */
const SCRIPT_MARK_PREFIX = 'duban.';

/** The catalogue key of each role's default sheet name. */
export const ROLE_SHEET_NAME: Record<SheetRole, MessageKey> = {
  tasks: 'sheet.tasks',
  settings: 'sheet.settings',
  units: 'sheet.units',
  holidays: 'sheet.holidays',
  problems: 'sheet.problems',
  log: 'sheet.log',
  rules: 'sheet.rules',
  history: 'sheet.history',
  index: 'sheet.index',
  interviews: 'sheet.interviews',
  assessment: 'sheet.assessment',
  feedback: 'sheet.feedback',
  inspectors: 'sheet.inspectors',
};

/** The header row the script writes on each sheet only it uses: how a sheet set up before marks is known. */
const ROLE_HEADER: Partial<Record<SheetRole, MessageKey[]>> = {
  settings: ['setting.col.key', 'setting.col.value', 'setting.col.help'],
  holidays: ['holidaycol.date', 'holidaycol.kind', 'holidaycol.name'],
  problems: ['probcol.where', 'probcol.header', 'probcol.message', 'probcol.checked'],
  rules: ['rule.col.rule', 'rule.col.points', 'rule.col.help'],
  history: ['history.col.month', 'history.col.unit', 'history.col.category'],
  index: ['indexcol.key', 'indexcol.task', 'indexcol.place', 'indexcol.unit'],
  // An office sheet that is merely called 季度测评 is never taken for Duban's (whose header this is).
  assessment: ['assesscol.quarter', 'assesscol.unit', 'assesscol.ledgerScore'],
  // 督查员 typed by the office before setup made it: its header is Duban's (姓名, 邮箱, 启用).
  inspectors: ['inspcol.name', 'inspcol.email', 'inspcol.enabled'],
};

/**
 * A side sheet's values in one call (no getLastRow first: issue 17). An empty sheet's data range
 * is A1 alone, empty: that is no rows.
 */
export function readAll(sheet: Sheet | undefined): unknown[][] {
  if (!sheet) return [];
  const values = sheet.getDataRange().getValues();
  const only = values.length === 1 && values[0]!.length === 1 ? values[0]![0] : undefined;
  return only === '' ? [] : values;
}

/** Sheets by name, compared as people see names: '任务台账 ' with a trailing space is 任务台账. */
export function sheetNamed(sheets: Sheet[], names: readonly string[]): Sheet | undefined {
  for (const name of names) {
    const wanted = normalizeName(name);
    if (wanted === '') continue;
    const found = sheets.find((s) => normalizeName(s.getName()) === wanted);
    if (found) return found;
  }
  return undefined;
}

function headerIs(values: unknown[][], keys: MessageKey[]): boolean {
  const row = values[0] ?? [];
  return keys.every((key, i) => allTexts(key).some((text) => normalizeHeader(text) === normalizeHeader(row[i])));
}

function located(sheet: string, list: { row: number; column: number; message: string }[]): Problem[] {
  return list.map((p) => ({ sheet, row: p.row + 1, column: p.column + 1, message: p.message }));
}

/** A side sheet the script uses (every role but the task sheet), read once, and whether the script may write it. */
export interface FoundSheet {
  sheet: Sheet;
  ours: boolean;
  values: unknown[][];
}

/**
 * The task sheet as found: by its mark or its name (no choice), or, when no sheet has the name
 * 设置 gives, by its header (the choice says which sheet and why, or why none).
 */
export interface TaskSheetFound {
  sheet: Sheet | undefined;
  choice?: LedgerSheetChoice;
}

/** A sheet's first rows, where a header is looked for: one read, none for an empty sheet. */
function topRows(sheet: Sheet): unknown[][] {
  const rows = Math.min(sheet.getLastRow(), DEFAULT_MAX_SCAN_ROWS);
  const columns = sheet.getLastColumn();
  return rows > 0 && columns > 0 ? sheet.getRange(1, 1, rows, columns).getValues() : [];
}

/** Every role but the task sheet: the task sheet is read whole, with its formulas and merges, by task-sheet.ts. */
export type SideRole = Exclude<SheetRole, 'tasks'>;

/**
 * What a job may ask `load` for: the side sheets it reads before its first write, and the two
 * things read from sheets that can have problems of their own (the directory and the holidays).
 */
export type Need = 'units' | 'calendar' | 'problems' | 'log' | 'index' | 'interviews';

export class Workbook {
  readonly ss: Spreadsheet;
  readonly sheets: Sheet[];
  readonly clock: SheetClock;
  readonly settings: Settings;
  readonly t: Translate;
  /** Sheets the script marked, by role. */
  readonly marked: Partial<Record<SheetRole, Sheet>>;
  /** Problems found in the settings sheet, then in whatever `load` read (the directory, the holidays). */
  readonly problems: Problem[] = [];
  private readonly found = new Map<SideRole, FoundSheet | undefined>();
  private foundTasks?: TaskSheetFound;
  private directory?: { units: Unit[]; haveDirectory: boolean };
  private workCalendar?: WorkCalendar;

  constructor(now: Date) {
    this.ss = SpreadsheetApp.getActiveSpreadsheet();
    this.sheets = this.ss.getSheets();
    this.clock = sheetClock(this.ss.getSpreadsheetTimeZone(), now);
    this.marked = markedSheets(this.ss);
    const settingsSheet = this.sheetFor('settings');
    const parsed = settingsSheet ? parseSettings(settingsSheet.values) : { settings: DEFAULT_SETTINGS, problems: [] };
    this.settings = parsed.settings;
    useConfiguredUrl(this.settings.webappUrl);
    this.t = translator(this.settings.locale);
    if (settingsSheet) this.problems.push(...located(settingsSheet.sheet.getName(), parsed.problems));
  }

  /**
   * Reads what a job names, in the order named, each once (a second call for the same need
   * reads nothing), and returns every problem found so far: the settings', the directory's,
   * the holidays'. A job loads what it needs before its first write.
   */
  load(needs: readonly Need[]): Problem[] {
    for (const need of needs) {
      if (need === 'units') this.readDirectory();
      else if (need === 'calendar') this.readCalendar();
      else this.sheetFor(need);
    }
    return [...this.problems];
  }

  /**
   * The sheet that plays a side role, read once. The unit directory may be the office's own
   * (found by the name in 设置, read, never written); the settings, holidays and problem sheets
   * are the script's alone.
   */
  sheetFor(role: SideRole): FoundSheet | undefined {
    if (this.found.has(role)) return this.found.get(role);
    const result = this.locate(role);
    this.found.set(role, result);
    return result;
  }

  /**
   * The task sheet, found but not read: it may be the office's own (found by the name in 设置,
   * or by its default name in any language) and is read whole by task-sheet.ts.
   */
  taskSheet(): Sheet | undefined {
    return this.taskSheetFound().sheet;
  }

  /**
   * How the task sheet was found. Its mark first, then its name; when no sheet has the name (a
   * ledger called 整改台账 or 问题清单), the sheet whose header fits the ledger best
   * (core/ledger/ledger-sheet.ts). The script's own sheets are never candidates. Every job
   * finds it this way; setup records a sheet found by its header in 设置.
   */
  taskSheetFound(): TaskSheetFound {
    if (!this.foundTasks) {
      const known = this.marked.tasks ?? sheetNamed(this.sheets, this.namesOf('tasks'));
      this.foundTasks = known ? { sheet: known } : this.taskSheetByHeader();
    }
    return this.foundTasks;
  }

  private taskSheetByHeader(): TaskSheetFound {
    const candidates = this.sheets.filter((s) => !this.isScriptSheet(s));
    const choice = chooseLedgerSheet(candidates.map((s) => ({ name: s.getName(), values: topRows(s) })));
    const sheet = choice.kind === 'chosen' ? candidates[choice.looked.indexOf(choice.fit)] : undefined;
    return { sheet, choice };
  }

  /**
   * A sheet the script made (marked: its settings, directory, log, publications …) or reads in
   * another role (the office's directory named in 设置): never the ledger, whatever it holds.
   */
  private isScriptSheet(sheet: Sheet): boolean {
    if (Object.values(this.marked).includes(sheet)) return true;
    if (this.sheetFor('settings')?.sheet === sheet || this.sheetFor('units')?.sheet === sheet) return true;
    return sheet.getDeveloperMetadata().some((md) => md.getKey().startsWith(SCRIPT_MARK_PREFIX));
  }

  /** Remembers a sheet the script just created and marked. */
  adopt(role: SheetRole, sheet: Sheet, values: unknown[][] = []): void {
    if (!this.sheets.includes(sheet)) this.sheets.push(sheet);
    this.marked[role] = sheet;
    if (role === 'tasks') this.foundTasks = { sheet };
    else this.found.set(role, { sheet, ours: true, values });
  }

  /** The unit directory (责任单位名录): `load(['units'])` reads it. */
  get units(): Unit[] {
    return this.loaded(this.directory, 'units').units;
  }

  get haveDirectory(): boolean {
    return this.loaded(this.directory, 'units').haveDirectory;
  }

  /** The working-day calendar (工作日 / 调休), shipped and corrected by 节假日: `load(['calendar'])` reads it. */
  get calendar(): WorkCalendar {
    return this.loaded(this.workCalendar, 'calendar');
  }

  private loaded<T>(value: T | undefined, need: Need): T {
    if (value === undefined) throw new Error(`the workbook's ${need} were not loaded: the job must load(['${need}']) first`);
    return value;
  }

  /** The names a role's sheet may have: those in 设置 first (only the task sheet and the directory have one). */
  private namesOf(role: SheetRole): string[] {
    // The directory is wherever 设置 says (so naming another sheet there moves it); the task sheet
    // is also found by its name in any language (a ledger set up in en keeps working in zh).
    return role === 'units' && this.settings.unitSheet !== ''
      ? [this.settings.unitSheet]
      : [...(role === 'tasks' ? [this.settings.taskSheet] : []), ...allTexts(ROLE_SHEET_NAME[role])];
  }

  private locate(role: SideRole): FoundSheet | undefined {
    const marked = this.marked[role];
    if (marked) return { sheet: marked, ours: true, values: readAll(marked) };
    // Settings is read before any name in 设置 can be used: it is found by its default names.
    const sheet = sheetNamed(this.sheets, this.namesOf(role));
    if (!sheet) return undefined;
    const values = readAll(sheet);
    const header = ROLE_HEADER[role];
    if (header === undefined) return { sheet, ours: false, values };
    // A sheet of the script's own kind set up before marks existed: its header row is the script's.
    return headerIs(values, header) ? { sheet, ours: true, values } : undefined;
  }

  private readDirectory(): void {
    if (this.directory) return;
    const found = this.sheetFor('units');
    const parsed = found ? parseUnits(found.values, this.settings.locale) : { units: [], problems: [] };
    if (found) this.problems.push(...located(found.sheet.getName(), parsed.problems));
    this.directory = { units: parsed.units, haveDirectory: found !== undefined && parsed.units.length > 0 };
  }

  private readCalendar(): void {
    if (this.workCalendar) return;
    const { t } = this;
    const found = this.sheetFor('holidays');
    let entries = shippedHolidayEntries();
    if (found) {
      const rows = parseHolidayRows(found.values, this.clock.toDay);
      // The office's sheet corrects and extends the shipped list: its entries win.
      entries = [...entries, ...rows.entries];
      this.problems.push(
        ...located(
          found.sheet.getName(),
          rows.problems.map((p) => ({ ...p, message: t(holidayProblemKey(p.message)) })),
        ),
      );
    }
    const calendar = new WorkCalendar(entries);
    // Without the year's holidays every working-day count is off around them: say so, once, where
    // the office can fix it.
    for (const y of yearsToCover(this.clock.today)) {
      if (!calendar.covers(y)) {
        this.problems.push({
          sheet: found?.sheet.getName() ?? t('sheet.holidays'),
          row: 0,
          column: 0,
          message: t('holiday.missingYear', { year: y }),
        });
      }
    }
    this.workCalendar = calendar;
  }
}

/**
 * The role's sheet, created and marked when the script has none. When an office sheet already
 * has the name, it is left alone and the script's own sheet gets a name of its own, said in
 * `changes` so the admin knows which is which.
 */
export function ensureScriptSheet(
  wb: Workbook,
  role: SideRole,
  changes: string[],
  name = wb.t(ROLE_SHEET_NAME[role]),
): { found: FoundSheet; created: boolean } {
  const existing = wb.sheetFor(role);
  if (existing) return { found: existing, created: false };
  const taken = sheetNamed(wb.sheets, [name]) !== undefined;
  const ownName = taken ? wb.t('sheet.ownName', { name }) : name;
  const sheet = wb.ss.insertSheet(ownName);
  markSheet(sheet, role);
  wb.adopt(role, sheet);
  changes.push(taken ? wb.t('setup.nameTaken', { name, ours: ownName }) : wb.t('setup.created', { sheet: ownName }));
  return { found: wb.sheetFor(role)!, created: true };
}

/**
 * Why a job cannot run: no task sheet. When sheets were looked at by their header, which and
 * what they lack, or the two that tie; else (a new workbook) which sheets there are.
 */
export function noTaskSheet(wb: Workbook): string {
  const { choice } = wb.taskSheetFound();
  if (choice && choice.kind !== 'chosen' && !(choice.kind === 'none' && choice.blank)) {
    return describeLedgerChoice(choice, wb.settings.taskSheet, wb.settings.locale);
  }
  return wb.t('sweep.noSheet', { sheet: wb.settings.taskSheet, sheets: wb.sheets.map((s) => `《${s.getName()}》`).join('') });
}

export function openWorkbook(now: Date): Workbook {
  return new Workbook(now);
}

function holidayProblemKey(code: HolidayProblemCode): MessageKey {
  return `holiday.${code}` as const;
}

/**
 * The office's language alone, from the settings sheet: what onOpen and error messages need,
 * without reading the directory and holidays (onOpen runs at every opening of the sheet).
 */
export function officeTranslator(): Translate {
  return new Workbook(new Date()).t;
}
