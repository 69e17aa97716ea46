/**
 * The 责任单位 directory: who answers for each unit and where their mail goes.
 *
 * Task rows name units as people type them (市城管局、市住建局 / 市城管局 with a full-width
 * space), so matching a task to its unit is tolerant of spacing and width, and a cell
 * naming several units is split, the first being the lead unit (牵头单位).
 */
import { allTexts, type MessageKey, type Translate, translator } from '../i18n';
import type { CellProblem } from '../problems/problem';
import { cellText, normalizeHeader, normalizeName } from '../text/text';
import { readYesNo } from '../text/vocabulary';
import { readAddressList } from './addresses';

export interface Unit {
  name: string;
  kind: string;
  contact: string;
  /** Comma-separated when the cell held several addresses (as MailApp expects). */
  contactEmail: string;
  head: string;
  headEmail: string;
  leader: string;
  leaderEmail: string;
  /**
   * 文明单位: the unit holds the title, so "连续两次/三次排名后三位" costs it the award or the
   * title. Only a plain yes counts; a blank or unreadable cell is no (and the latter is reported).
   */
  civilized: boolean;
  /**
   * 党组织主要负责人 and 行政主要负责人 with their addresses (optional columns: only when the
   * directory has them): the 党政主要领导 a 约谈 summons (对其党政主要领导进行约谈).
   */
  partyHead?: string;
  partyHeadEmail?: string;
  adminHead?: string;
  adminHeadEmail?: string;
  /** What an address cell held that is not an address ('zjj#example.org'): never mailed, always reported. */
  badEmails?: Partial<Record<AnyEmailColumn, string[]>>;
  /** The name written beside an address (`杨帆 <yangfan@…>`), by the address in lower case: whom its mail greets. */
  addressNames?: Record<string, string>;
  /** 0-based index into the values array. */
  row: number;
}

export type UnitColumn = Exclude<keyof Unit, 'row' | 'badEmails' | 'addressNames'>;
/** The address columns every directory has (setup writes them): where a notice goes. */
export type EmailColumn = 'contactEmail' | 'headEmail' | 'leaderEmail';
/** Every address column read, the optional 党政主要领导 ones too. */
type AnyEmailColumn = EmailColumn | 'partyHeadEmail' | 'adminHeadEmail';

type PersonColumn = 'contact' | 'head' | 'leader' | 'partyHead' | 'adminHead';
const PERSON_OF: Record<AnyEmailColumn, PersonColumn> = {
  contactEmail: 'contact',
  headEmail: 'head',
  leaderEmail: 'leader',
  partyHeadEmail: 'partyHead',
  adminHeadEmail: 'adminHead',
};

/**
 * Whom a mail to `address` greets: the name written beside the address in its cell, else the
 * person the directory names for that column (联系人, 主要负责人, 分管领导).
 */
export function greetingName(unit: Unit, column: AnyEmailColumn, address: string): string {
  return unit.addressNames?.[address.toLowerCase()] || (unit[PERSON_OF[column]] ?? '');
}

/** One person a 约谈通知 summons: the name the directory gives and one valid address. */
export interface Interviewee {
  name: string;
  address: string;
}

/**
 * 被约谈人: the unit's 党政主要领导, its 党组织主要负责人 and 行政主要负责人 at their valid addresses
 * (one person holding both is summoned once); when the directory gives neither an address, its
 * 主要负责人. A bad address is never mailed (the directory's problems report it).
 */
export function interviewees(unit: Unit): Interviewee[] {
  const of = (column: AnyEmailColumn): Interviewee[] =>
    addressesIn(unit[column] ?? '').map((address) => ({ name: greetingName(unit, column, address), address }));
  const leaders = [...of('partyHeadEmail'), ...of('adminHeadEmail')];
  const seen = new Set<string>();
  const once = leaders.filter((p) => !seen.has(p.address.toLowerCase()) && seen.add(p.address.toLowerCase()));
  return once.length > 0 ? once : of('headEmail');
}

/** The addresses an email column of the directory holds (the reader keeps only valid ones, comma-separated). */
export function addressesIn(cell: string): string[] {
  return cell
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
}

const COLUMN_KEYS: Record<UnitColumn, MessageKey> = {
  name: 'unitcol.name',
  kind: 'unitcol.kind',
  contact: 'unitcol.contact',
  contactEmail: 'unitcol.contactEmail',
  head: 'unitcol.head',
  headEmail: 'unitcol.headEmail',
  leader: 'unitcol.leader',
  leaderEmail: 'unitcol.leaderEmail',
  civilized: 'unitcol.civilized',
  partyHead: 'unitcol.partyHead',
  partyHeadEmail: 'unitcol.partyHeadEmail',
  adminHead: 'unitcol.adminHead',
  adminHeadEmail: 'unitcol.adminHeadEmail',
};

/** Read when present, never added by setup: an office that names its 党政主要领导 adds them (约谈). */
const OPTIONAL_COLUMNS: readonly UnitColumn[] = ['partyHead', 'partyHeadEmail', 'adminHead', 'adminHeadEmail'];

/** The directory's columns, in the order setup writes them (unitHeaders()). */
export const UNIT_COLUMNS = (Object.keys(COLUMN_KEYS) as UnitColumn[]).filter((c) => !OPTIONAL_COLUMNS.includes(c));
const READ_COLUMNS = [...UNIT_COLUMNS, ...OPTIONAL_COLUMNS];
const EMAIL_COLUMNS: readonly AnyEmailColumn[] = ['contactEmail', 'headEmail', 'leaderEmail', 'partyHeadEmail', 'adminHeadEmail'];

/** Names offices give these columns besides the catalogue's, which setup writes. */
const EXTRA_ALIASES: Record<UnitColumn, string[]> = {
  name: ['单位', '责任单位', '部门', '单位全称', 'Unit name', 'Name', 'Department'],
  kind: ['类型', '类别', '单位类别', 'Type'],
  contact: ['联络员', '联系人姓名', 'Contact person'],
  contactEmail: ['邮箱', '联络员邮箱', 'Email', 'Contact email address'],
  head: ['负责人', '主要领导', '一把手'],
  headEmail: ['负责人邮箱', '主要领导邮箱'],
  leader: ['分管负责人', '分管副职', 'Leader'],
  leaderEmail: ['分管负责人邮箱', '分管副职邮箱', 'Leader email'],
  civilized: ['是否文明单位', '文明单位称号', 'Civilized unit', 'Civilised unit'],
  partyHead: ['党委书记', '党组书记', '党组织负责人', 'Party head'],
  partyHeadEmail: ['党委书记邮箱', '党组书记邮箱', '党组织负责人邮箱', 'Party head email'],
  adminHead: ['行政负责人', 'Administrative leader'],
  adminHeadEmail: ['行政负责人邮箱', 'Administrative leader email'],
};

/** 电子邮箱 / 电子邮件 / E-mail / mail all mean the same column word. */
function headerKey(text: unknown): string {
  return normalizeHeader(text).replace(/电子邮箱|电子邮件|邮件地址|邮箱地址|e?mailaddress|e?mail|邮件/g, '邮箱');
}

const COLUMN_BY_HEADER = new Map<string, UnitColumn>();
for (const col of READ_COLUMNS) {
  for (const text of [...allTexts(COLUMN_KEYS[col]), ...EXTRA_ALIASES[col]]) {
    const k = headerKey(text);
    if (!COLUMN_BY_HEADER.has(k)) COLUMN_BY_HEADER.set(k, col);
  }
}

export function unitHeaders(t: Translate): string[] {
  return UNIT_COLUMNS.map((col) => t(COLUMN_KEYS[col]));
}

/** A name reduced for comparison: no spaces of any width, half-width, lower case. */
export function unitKey(name: string): string {
  return normalizeName(name);
}

const BRACKETED = /[(（][^()（）]*[)）]/g;

/**
 * The directory entry a task's unit text names. Spaces and full/half width never matter;
 * a bracketed note (市城管局（市综合执法局）) is ignored only when nothing matches with it.
 */
export function matchUnit(name: string, units: Unit[]): Unit | undefined {
  const key = unitKey(name);
  if (key === '') return undefined;
  const index = indexOf(units);
  const exact = index.exact.get(key);
  if (exact) return exact;
  const bare = key.replace(BRACKETED, '');
  return bare === '' ? undefined : index.bare.get(bare);
}

interface UnitIndex {
  size: number;
  exact: Map<string, Unit>;
  bare: Map<string, Unit>;
}

/** A sweep matches every task against the same directory: index it once per array. */
const INDEXES = new WeakMap<Unit[], UnitIndex>();

function indexOf(units: Unit[]): UnitIndex {
  const cached = INDEXES.get(units);
  if (cached && cached.size === units.length) return cached;
  const index: UnitIndex = { size: units.length, exact: new Map(), bare: new Map() };
  for (const u of units) {
    const key = unitKey(u.name);
    if (!index.exact.has(key)) index.exact.set(key, u);
    const bare = key.replace(BRACKETED, '');
    if (bare !== '' && !index.bare.has(bare)) index.bare.set(bare, u);
  }
  INDEXES.set(units, index);
  return index;
}

/** 牵头单位：… / 配合单位：… labels in front of a name. */
const ROLE_PREFIX = /^(牵头单位|牵头部门|牵头|责任单位|主责单位|配合单位|配合部门|配合|协办单位|协办|lead|support)\s*[:：]\s*/i;

/**
 * The units a task cell names, lead unit first: '市城管局、市住建局' -> ['市城管局', '市住建局'].
 * Splits on 、 , ， ; ； / and line breaks, never on spaces (some names contain them).
 */
export function splitUnits(text: unknown): string[] {
  const parts = cellText(text).split(/[、,，;；/／\n\r]+/);
  const out: string[] = [];
  const seen = new Set<string>();
  for (const part of parts) {
    const name = part.trim().replace(ROLE_PREFIX, '').trim();
    const key = unitKey(name);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}

const HEADER_SCAN_ROWS = 10;

/** The directory columns a header row names (by the catalogue's headers in any language, or an alias). */
export function findUnitColumns(header: readonly unknown[]): Partial<Record<UnitColumn, number>> {
  const found: Partial<Record<UnitColumn, number>> = {};
  header.forEach((v, c) => {
    const col = COLUMN_BY_HEADER.get(headerKey(v));
    if (col && found[col] === undefined) found[col] = c;
  });
  return found;
}

/**
 * Reads the unit directory (getValues() of the whole sheet). The header is the first of the
 * top rows with a unit-name column; problems are worded in `locale` (default zh-CN).
 */
export function parseUnits(values: unknown[][], locale: 'zh-CN' | 'en' = 'zh-CN'): { units: Unit[]; problems: CellProblem[] } {
  const t = translator(locale);
  const problems: CellProblem[] = [];
  let headerRow = -1;
  let columns: Partial<Record<UnitColumn, number>> = {};
  for (let r = 0; r < Math.min(values.length, HEADER_SCAN_ROWS) && headerRow < 0; r++) {
    const found = findUnitColumns(values[r] ?? []);
    if (found.name !== undefined) {
      headerRow = r;
      columns = found;
    }
  }
  if (headerRow < 0) {
    problems.push({ row: 0, column: 0, message: t('units.noHeader') });
    return { units: [], problems };
  }

  const headerText = (col: UnitColumn): string => cellText(values[headerRow][columns[col] ?? 0]) || t(COLUMN_KEYS[col]);
  const units: Unit[] = [];
  const firstRow = new Map<string, number>();
  for (let r = headerRow + 1; r < values.length; r++) {
    const row = values[r] ?? [];
    const read = (col: UnitColumn): string => {
      const c = columns[col];
      return c === undefined ? '' : cellText(row[c]);
    };
    const name = read('name');
    if (name === '') {
      if (READ_COLUMNS.some((col) => read(col) !== '')) problems.push({ row: r, column: columns.name ?? 0, message: t('units.noName') });
      continue;
    }
    const key = unitKey(name);
    const earlier = firstRow.get(key);
    if (earlier !== undefined) {
      problems.push({ row: r, column: columns.name ?? 0, message: t('units.duplicate', { unit: name, first: earlier + 1 }) });
      continue;
    }
    firstRow.set(key, r);
    const civilized = read('civilized');
    const civilizedAnswer = civilized === '' ? false : readYesNo(row[columns.civilized ?? 0]);
    if (civilizedAnswer === undefined) {
      problems.push({
        row: r,
        column: columns.civilized ?? 0,
        message: t('units.badYesNo', { unit: name, column: headerText('civilized'), value: civilized }),
      });
    }
    const unit: Unit = {
      name,
      kind: read('kind'),
      contact: read('contact'),
      contactEmail: '',
      head: read('head'),
      headEmail: '',
      leader: read('leader'),
      leaderEmail: '',
      civilized: civilizedAnswer === true,
      row: r,
    };
    for (const col of ['partyHead', 'adminHead'] as const) if (columns[col] !== undefined) unit[col] = read(col);
    for (const col of EMAIL_COLUMNS)
      readEmailColumn(unit, col, row, columns[col], (value) =>
        problems.push({ row: r, column: columns[col] ?? 0, message: t('units.badEmail', { unit: name, column: headerText(col), value }) }),
      );
    units.push(unit);
  }
  return { units, problems };
}

/**
 * One address column of a unit's row: the addresses kept comma-separated (as MailApp takes
 * them), the names beside them kept for the greeting, what is not an address kept apart and
 * reported (never mailed, so it cannot make MailApp refuse the mail to the others).
 */
function readEmailColumn(unit: Unit, col: AnyEmailColumn, row: unknown[], c: number | undefined, report: (value: string) => void): void {
  if (c === undefined) return;
  const { addresses, bad } = readAddressList(row[c]);
  unit[col] = addresses.map((a) => a.address).join(',');
  for (const { address, name } of addresses) if (name !== '') unit.addressNames = { ...unit.addressNames, [address.toLowerCase()]: name };
  if (bad.length > 0) unit.badEmails = { ...unit.badEmails, [col]: bad };
  for (const b of bad) report(b);
}
