/**
 * 当场下单 at the edge: an inspector's order, under the document lock. The unit must be in the
 * directory with an address its notice can go to (never guessed); the deadline must read as a
 * day. Then ONE row is appended after the ledger's last row, in the ledger's own columns, with
 * the last task row's formats (number formats, fonts, borders: not its values or formulas); it is
 * keyed at once as the sweep keys (任务索引), its photos kept in Drive (their links in Duban's own
 * column 现场照片, added by the first order), and its first 整改通知
 * (当场下单) claimed in 督办记录, flushed, sent and confirmed through the one delivery path,
 * numbered in the 整改通知 series. The sweep's ladder goes on from that notice. A refusal writes
 * nothing. No existing row is touched: the totals row at the end keeps its formula and format.
 */
import { ymdFromDay } from '../../core/calendar/day';
import { parseDeadline } from '../../core/calendar/deadline';
import { addressesIn, matchUnit, type Unit } from '../../core/directory/units';
import type { Translate } from '../../core/i18n';
import type { Identity, KnownTask } from '../../core/ledger/identity';
import { keyNumber } from '../../core/ledger/keys';
import type { Ledger } from '../../core/ledger/ledger';
import type { TaskRow } from '../../core/ledger/tasks';
import { highestNumber, type LogEntry } from '../../core/notices/log';
import { composeOrderNotice, type OrderNotice } from '../../core/notices/order-notice';
import type { RecipientRole } from '../../core/notices/types';
import { identify, planWrite } from '../../core/sweep/sweep';
import type { OrderInput, SubmitResult } from '../../core/webapp/forms';
import { findInspector } from '../../core/webapp/inspectors';
import { orderRow } from '../../core/webapp/order-row';
import type { LinkClaims } from '../../core/webapp/token';
import { readCounters, saveCounters } from '../counters';
import { claim, deliverOne } from '../delivery';
import { rowLinker } from '../digests';
import { LockBusyError, withDocumentLock } from '../lock';
import { bookOf, openLog } from '../notice-log';
import { readIndex, writeIndex } from '../task-index';
import { addScriptColumns, readTaskLedger } from '../task-sheet';
import { noTaskSheet, openWorkbook, type Workbook } from '../workbook';
import { writePlan } from '../write-back';
import { noticeLinks, readInspectors } from './links';
import { storePhotos } from './photos';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** How long an order waits for a sweep that holds the lock (a person on the street waits a little). */
const LOCK_WAIT_MS = 20_000;

/** Who the first notice goes to: the unit's contact, else (as the ladder does) its head, then its leader. */
function recipients(unit: Unit): { to: string[]; role: RecipientRole } | undefined {
  const columns = [
    { role: 'contact', column: 'contactEmail' },
    { role: 'head', column: 'headEmail' },
    { role: 'leader', column: 'leaderEmail' },
  ] as const;
  for (const { role, column } of columns) {
    const to = addressesIn(unit[column]);
    if (to.length > 0) return { to, role };
  }
  return undefined;
}

/** An inspector's order filed on site (claims.subject: their 邮箱). */
export function fileOrder(claims: LinkClaims, order: OrderInput, now: Date, t: Translate): SubmitResult {
  try {
    return withDocumentLock(LOCK_WAIT_MS, () => fileLocked(claims, order, now));
  } catch (err) {
    if (err instanceof LockBusyError) return { ok: false, message: t('order.busy') };
    throw err;
  }
}

interface Checked {
  wb: Workbook;
  sheet: Sheet;
  ledger: Ledger;
  unit: Unit;
  to: { to: string[]; role: RecipientRole };
  inspector: string;
}

/** Everything that can refuse the order, before anything is written. */
function check(claims: LinkClaims, order: OrderInput, now: Date): Checked | { refused: string } {
  const wb = openWorkbook(now);
  const { t } = wb;
  wb.load(['units', 'calendar', 'log', 'index']);
  const unitSheet = wb.settings.unitSheet;
  const unit = matchUnit(order.unit, wb.units);
  if (!unit) return { refused: t('order.unknownUnit', { sheet: unitSheet, unit: order.unit }) };
  const to = recipients(unit);
  if (!to) return { refused: t('order.noAddress', { sheet: unitSheet, unit: unit.name }) };
  const sheet = wb.taskSheet();
  if (!sheet) return { refused: t('order.noLedger', { reason: noTaskSheet(wb) }) };
  const read = readTaskLedger(wb, sheet);
  if (!read.ok) return { refused: t('order.noLedger', { reason: read.message }) };
  const deadline = parseDeadline(order.deadlineText, {
    issueDay: wb.clock.today,
    anchor: wb.clock.today,
    calendar: wb.calendar,
    toDay: wb.clock.toDay,
  });
  if (deadline.kind !== 'date') return { refused: t('order.badDeadline', { text: order.deadlineText }) };
  const inspector = findInspector(readInspectors(), claims.subject)?.name ?? claims.subject;
  return { wb, sheet, ledger: read.ledger, unit, to, inspector };
}

/** The row this request wrote: its 1-based number, and whether a row was inserted to hold it. */
interface Appended {
  row: number;
  inserted: boolean;
}

/** The row written after the sheet's last row, formatted as the last task row. */
function appendRow(c: Checked, order: OrderInput): Appended {
  const { sheet, ledger, wb } = c;
  const width = Math.max(sheet.getLastColumn(), ...ledger.values.map((r) => r.length));
  const row = orderRow({
    columns: ledger.columns,
    width,
    values: ledger.values,
    taskRows: ledger.tasks.map((task) => task.index),
    order: { ...order, unit: c.unit.name },
    inspector: c.inspector,
    issued: wb.clock.fromDay(wb.clock.today),
    t: wb.t,
  });
  const target = sheet.getLastRow() + 1;
  const inserted = target > sheet.getMaxRows();
  if (inserted) sheet.insertRowsAfter(sheet.getMaxRows(), 1);
  const last = ledger.tasks.reduce((m, task) => Math.max(m, task.index), -1);
  const range = sheet.getRange(target, 1, 1, width);
  if (last >= 0) sheet.getRange(last + 1, 1, 1, width).copyTo(range, { formatOnly: true });
  for (const column of row.asText) sheet.getRange(target, column + 1).setNumberFormat('@');
  range.setValues([row.values]);
  return { row: target, inserted };
}

/**
 * Takes back the row this request wrote (it is below every other row, so no row moves): the
 * sheet keeps as many rows as before, a blank one at the bottom for the one taken out.
 */
function takeBack(c: Checked, appended: Appended): void {
  c.sheet.deleteRow(appended.row);
  if (!appended.inserted) c.sheet.insertRowsAfter(c.sheet.getMaxRows(), 1);
}

/** The key the new row gets, decided as the sweep would, with nothing written yet. */
interface Keying {
  key: string;
  task: TaskRow;
  read: Ledger;
  identity: Identity;
  known: readonly KnownTask[] | undefined;
}

function decideKey(c: Checked, rowNumber: number): Keying | undefined {
  const { wb, sheet } = c;
  // Read with 现场照片 placed: Duban's own column for the order's photos, added with the key.
  const read = readTaskLedger(wb, sheet, { withOrders: true });
  if (!read.ok) return undefined;
  const counters = readCounters();
  const { known } = readIndex(wb, counters);
  const { identity } = identify(read.ledger, known, counters.highestKey, wb.clock.today, wb.clock.toDay);
  const key = identity.keys.get(rowNumber - 1);
  const task = read.ledger.tasks.find((x) => x.index === rowNumber - 1);
  if (key === undefined || task === undefined || task.effectiveDeadline === undefined) return undefined;
  return { key, task, read: read.ledger, identity, known };
}

/** Keys the new row (its 系统编号, 任务索引 and the key counter): written only once the order will go. */
function commitKey(c: Checked, rowNumber: number, keying: Keying, changes: string[]): void {
  const { wb, sheet } = c;
  const { key, identity } = keying;
  const plan = planWrite(keying.read, { identity });
  addScriptColumns(sheet, plan);
  writePlan(sheet, { ...plan, rows: plan.rows.filter((r) => r.index === rowNumber - 1) }, wb.clock.fromDay);
  const before = new Set((keying.known ?? []).map((k) => k.key));
  writeIndex(
    wb,
    identity.index.filter((k) => before.has(k.key) || k.key === key),
    changes,
  );
  saveCounters({ highestKey: keyNumber(key), indexKept: true });
}

/** The photos' links, one a line, in Duban's 现场照片 on the appended row (plain text: a link never becomes a formula). */
function writeSitePhotos(sheet: Sheet, row: number, column: number | undefined, photos: readonly string[]): void {
  if (column === undefined || photos.length === 0) return;
  sheet
    .getRange(row, column + 1)
    .setNumberFormat('@')
    .setValue(photos.join('\n'));
}

/**
 * The order, in the one order where a failure writes nothing: the row is written (the key can
 * only be read from the sheet), its key decided, the photos kept in Drive; only then are the key,
 * 任务索引, the counters and 督办记录 written. A key that cannot be decided, or photos Drive will
 * not take, take the row back and say why.
 */
function fileLocked(claims: LinkClaims, order: OrderInput, now: Date): SubmitResult {
  const c = check(claims, order, now);
  if ('refused' in c) return { ok: false, message: c.refused };
  const { wb } = c;
  const appended = appendRow(c, order);
  const keying = decideKey(c, appended.row);
  if (!keying) {
    takeBack(c, appended);
    return { ok: false, message: wb.t('order.badDeadline', { text: order.deadlineText }) };
  }
  let photos: string[];
  try {
    photos = storePhotos(keying.key, 'site', order.photos, now);
  } catch (err) {
    takeBack(c, appended);
    return {
      ok: false,
      message: wb.t('order.photosFailed', { reason: (err instanceof Error ? err.message : String(err)).replace(/[.。]\s*$/, '') }),
    };
  }
  commitKey(c, appended.row, keying, []);
  writeSitePhotos(c.sheet, appended.row, keying.read.columns.sitePhotos, photos);
  const { task } = keying;
  const notice: OrderNotice = {
    number: '',
    key: keying.key,
    row: appended.row,
    unit: c.unit.name,
    task: task.task,
    place: task.place,
    ...(order.category && c.ledger.columns.problemKind !== undefined ? { category: order.category } : {}),
    deadlineText: order.deadlineText,
    replyBy: task.effectiveDeadline!,
    inspector: c.inspector,
    photos,
  };
  return sendFirstNotice(c, notice, now);
}

/** The first 整改通知 (当场下单): numbered, claimed (one log row per address), flushed, sent, confirmed. */
function sendFirstNotice(c: Checked, notice: OrderNotice, now: Date): SubmitResult {
  const { wb } = c;
  const { t, settings } = wb;
  const today = wb.clock.today;
  const log = openLog(wb, []);
  const book = bookOf(log);
  const year = ymdFromDay(today).year;
  const n = Math.max(readCounters().number('notice', year), highestNumber(log.entries, year, settings.noticePrefix)) + 1;
  notice.number = t('notice.number', { prefix: settings.noticePrefix, year, n });
  saveCounters({ numbers: [{ series: 'notice', year, n }] });
  const ctx = { t, today, office: settings, rowLink: rowLinker(wb, c.sheet), ...noticeLinks(now) };
  const mail = composeOrderNotice(notice, c.to.to.join(','), ctx);
  const entries = c.to.to.map(
    (to): LogEntry => ({
      index: book.next++,
      number: notice.number,
      time: now,
      day: today,
      key: notice.key,
      unit: notice.unit,
      level: 'notice',
      ordinal: 1,
      deadline: notice.replyBy,
      to,
      role: c.to.role,
      subject: mail.subject,
      outcome: 'claimed',
      detail: t('order.logDetail', { name: notice.inspector }),
      replyBy: notice.replyBy,
    }),
  );
  claim(wb, book, entries);
  const delivered = deliverOne(wb, book, {
    mail,
    cc: [],
    rows: entries.map((e) => e.index),
    rowTo: c.to.to,
    dryRun: () => composeOrderNotice(notice, settings.adminEmail, { ...ctx, dryRunFor: c.to.to }),
  });
  const args = { key: notice.key, number: notice.number, unit: notice.unit };
  if (delivered.status === 'sent') return { ok: true, receipt: notice.key, message: t('order.done', args) };
  const reason = delivered.status === 'failed' ? delivered.detail : t(delivered.status === 'quota' ? 'notice.quota' : 'order.busy');
  return { ok: true, receipt: notice.key, message: t('order.notSent', { ...args, reason }) };
}
