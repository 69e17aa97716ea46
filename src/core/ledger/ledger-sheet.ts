/**
 * Which sheet is the task ledger (任务台账) when no sheet has the name 设置 gives it.
 *
 * Offices call their ledger 整改台账, 问题清单, 督查台账 or 交办单, and 设置 says 任务台账 until
 * someone changes it. Rather than create an empty 任务台账 beside the real one (every sweep then
 * finds 0 tasks and says nothing is wrong), each sheet's header is read by the same finder the
 * ledger is read with (header.ts), and the sheet whose header names the most of the ledger's
 * columns is taken, provided it names the three a task cannot do without: the task, its unit
 * and its deadline. Two sheets equally good (a ledger and its copy) are never guessed between.
 */
import { type Locale, type Translate, translator } from '../i18n';
import { cellText } from '../text/text';
import { aliasesOf, fieldLabel, matchField, type PersonField, REQUIRED_FIELDS } from './columns';
import { DEFAULT_MAX_SCAN_ROWS, findHeader } from './header';

/** A sheet as the choice sees it: its name and its first rows (getValues of the top of the sheet). */
export interface SheetTop {
  name: string;
  values: unknown[][];
}

/** How much a sheet looks like the task ledger. */
export interface LedgerSheetFit {
  name: string;
  /** The ledger's fields its header names (the score is how many). */
  fields: PersonField[];
  /** The header cells that named them, as written, in column order. */
  headers: string[];
  /** Which of task, unit and deadline its header lacks: a sheet lacking any is no ledger. */
  missing: PersonField[];
  /** The (last) header row, 1-based, when the sheet names any field. */
  headerRow?: number;
  /** Nothing in the sheet's first rows: a new workbook's empty Sheet1. */
  blank: boolean;
}

export type LedgerSheetChoice =
  | { kind: 'chosen'; fit: LedgerSheetFit; looked: LedgerSheetFit[] }
  /** Two or more sheets name the same number of fields, more than any other: not guessed. */
  | { kind: 'tie'; fits: LedgerSheetFit[]; looked: LedgerSheetFit[] }
  /** No sheet names task, unit and deadline; `blank` when none holds anything at all. */
  | { kind: 'none'; looked: LedgerSheetFit[]; blank: boolean };

function fieldsOf(texts: string[]): { fields: PersonField[]; headers: string[] } {
  const fields: PersonField[] = [];
  const headers: string[] = [];
  for (const text of texts) {
    const field = text === '' ? undefined : matchField(text);
    if (field === undefined || fields.includes(field)) continue;
    fields.push(field);
    headers.push(text);
  }
  return { fields, headers };
}

/** The header as the ledger reader would find it: its fields, and which required ones it lacks. */
export function fitOf(sheet: SheetTop): LedgerSheetFit {
  const { name } = sheet;
  const values = sheet.values.slice(0, DEFAULT_MAX_SCAN_ROWS + 1);
  const blank = values.every((row) => (row ?? []).every((v) => cellText(v) === ''));
  const header = findHeader(values);
  let row: number | undefined;
  let texts: string[] = [];
  if (header.ok) {
    row = header.headerRow;
    const lower = values[header.headerRow] ?? [];
    const upper = values[header.headerTop] ?? [];
    const columns = Object.values(header.columns).sort((a, b) => a - b);
    texts = columns.map((c) => cellText(lower[c]) || cellText(upper[c]));
  } else if (header.bestRow !== undefined) {
    // The closest row: a ledger lacking only a closing column (状态 / 是否销号) is still the
    // ledger, and the reader then says which column to add, on the right sheet.
    row = header.bestRow;
    texts = (values[row] ?? []).map(cellText);
  }
  const { fields, headers } = fieldsOf(texts);
  return {
    name,
    fields,
    headers,
    missing: REQUIRED_FIELDS.filter((f) => !fields.includes(f)),
    ...(row !== undefined ? { headerRow: row + 1 } : {}),
    blank,
  };
}

/** The sheet whose header fits the ledger best, in the order given; a tie or no fit is said, never guessed. */
export function chooseLedgerSheet(sheets: readonly SheetTop[]): LedgerSheetChoice {
  const looked = sheets.map(fitOf);
  const fitting = looked.filter((f) => f.missing.length === 0);
  if (fitting.length === 0) return { kind: 'none', looked, blank: looked.every((f) => f.blank) };
  const best = Math.max(...fitting.map((f) => f.fields.length));
  const top = fitting.filter((f) => f.fields.length === best);
  return top.length === 1 ? { kind: 'chosen', fit: top[0]!, looked } : { kind: 'tie', fits: top, looked };
}

function sheetList(fits: readonly LedgerSheetFit[], t: Translate): string {
  return fits.map((f) => t('ledgerSheet.sheet', { sheet: f.name })).join(t('ledgerSheet.sheetSep'));
}

/**
 * What a person reads about the choice: which sheet was taken and why (setup records it in 设置),
 * or which sheets tie, or which were looked at, what each lacks and the columns looked for.
 * `wanted` is the task sheet's name in 设置.
 */
export function describeLedgerChoice(choice: LedgerSheetChoice, wanted: string, locale: Locale): string {
  const t = translator(locale);
  const sep = locale === 'en' ? ', ' : '、';
  if (choice.kind === 'chosen') {
    const { fit } = choice;
    return t('ledgerSheet.chosen', {
      wanted,
      sheet: fit.name,
      row: fit.headerRow ?? 1,
      count: fit.fields.length,
      columns: fit.headers.join(sep),
    });
  }
  if (choice.kind === 'tie') {
    return t('ledgerSheet.tie', { wanted, sheets: sheetList(choice.fits, t), count: choice.fits[0]!.fields.length });
  }
  const quoted = (f: PersonField): string => t('ledgerSheet.quoted', { label: fieldLabel(f, locale) });
  const each = choice.looked.map((f) =>
    f.blank
      ? t('ledgerSheet.blank', { sheet: f.name })
      : t('ledgerSheet.lacks', { sheet: f.name, columns: f.missing.map(quoted).join(sep) }),
  );
  const fields = REQUIRED_FIELDS.map((f) => t('header.missingField', { label: fieldLabel(f, locale), aliases: aliasesOf(f).join(sep) }));
  return t('ledgerSheet.none', {
    wanted,
    sheets: sheetList(choice.looked, t),
    rows: DEFAULT_MAX_SCAN_ROWS,
    fields: fields.join(sep),
    each: each.join(locale === 'en' ? '; ' : '；'),
  });
}
