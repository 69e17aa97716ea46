/**
 * A unit's reply through the web app (issue 16, 全程跟进), recorded under the document lock:
 * its row in 整改反馈, the ledger's 反馈日期 / 反馈状态 (待验收) / 整改照片 on the matter's row
 * (found by its key; no office cell touched), a 回执编号 of its own series, and the 回执 mailed
 * to the unit's directory address(es) through the one delivery path (督办记录, level 回执).
 *
 * A failure writes nothing: the form and the matter are checked first (core/feedback/accept.ts),
 * then the photos are stored, last before the writes, so a refused reply leaves no file; the
 * sheet writes that follow are a handful of calls under the lock. The 回执 mail goes after the
 * writes: a reply recorded whose mail failed is still recorded (the page shows the receipt, the
 * log says 发送失败, the admin's summary lists the reply).
 */
import { ymdFromDay } from '../core/calendar/day';
import { addressesIn, matchUnit } from '../core/directory/units';
import { checkReply, doneDay, mayReply } from '../core/feedback/accept';
import { latestByKey } from '../core/feedback/feedback-sheet';
import { composeReceipt } from '../core/feedback/receipt';
import { readReplyState } from '../core/feedback/reply-state';
import type { TaskRow } from '../core/ledger/tasks';
import { type LogEntry, numberer, numberParts, seriesPrefix } from '../core/notices/log';
import { cellText } from '../core/text/text';
import type { PhotoUpload, ReplyInput } from '../core/webapp/forms';
import { readCounters, saveCounters } from './counters';
import { claim, deliverOne } from './delivery';
import { appendReply, type OpenFeedback, openFeedback } from './feedback-sheet';
import { LockBusyError, withDocumentLock } from './lock';
import { bookOf, type LogBook, openLog } from './notice-log';
import { addScriptColumns, readTaskLedger } from './task-sheet';
import { openWorkbook, type Workbook } from './workbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Where photos go (webapp/photos.ts storePhotos, a Drive folder per matter): links, in order. */
export type StorePhotos = (key: string, kind: 'after' | 'before', photos: PhotoUpload[]) => string[];

export type ReplyOutcome = { ok: true; receipt: string; message: string } | { ok: false; message: string };

/** How long a reply waits for a sweep or another reply to finish before it is told to try again. */
const LOCK_WAIT_MS = 20_000;

/**
 * Records one reply of `unit` (the name its link was signed for). `ss` is the bound spreadsheet
 * the web app runs in (the workbook is opened as every job opens it: the active one).
 */
export function acceptReply(_ss: Spreadsheet, unit: string, reply: unknown, now: Date, store: StorePhotos): ReplyOutcome {
  try {
    return withDocumentLock(LOCK_WAIT_MS, () => recordReply(unit, reply, now, store));
  } catch (err) {
    if (err instanceof LockBusyError) return { ok: false, message: openWorkbook(now).t('feedback.refuse.busy') };
    throw err;
  }
}

function recordReply(unit: string, raw: unknown, now: Date, store: StorePhotos): ReplyOutcome {
  const wb = openWorkbook(now);
  const { t } = wb;
  const form = checkReply(raw, wb.clock.today, t);
  if (!form.ok) return form;
  const { reply } = form;
  const key = reply.key;
  const sheet = wb.taskSheet();
  const read = sheet ? readTaskLedger(wb, sheet, { withReplies: true }) : undefined;
  if (!sheet || !read?.ok) return { ok: false, message: t('feedback.refuse.noLedger') };
  const { ledger } = read;
  const task = ledger.tasks.find((x) => x.key === key);
  const existing = wb.sheetFor('feedback')?.ours ? latestByKey(openFeedback(wb, []).read.rows).get(key) : undefined;
  const replyState = task ? readReplyState(read.read.values[task.index]?.[ledger.columns.feedbackState ?? -1]) : undefined;
  const may = mayReply(unit, key, { task, replyState, lastReply: existing }, wb.units, t, wb.clock.toDay);
  if (!may.ok || !task) return may.ok ? { ok: false, message: t('feedback.refuse.noKey', { key }) } : may;
  // Everything checked: the photos now, the writes right after.
  const after = store(key, 'after', reply.photosAfter);
  const before = reply.photosBefore.length > 0 ? store(key, 'before', reply.photosBefore) : [];
  wb.load(['log']);
  const book = bookOf(openLog(wb, []));
  const changes: string[] = [];
  const feedback = openFeedback(wb, changes);
  const receipt = nextReceipt(wb, book, feedback);
  const unitName = matchUnit(unit, wb.units)?.name ?? unit;
  appendReply(feedback, {
    receipt,
    submitted: now,
    key,
    task: task.task,
    place: task.place,
    unit: unitName,
    measures: reply.measures,
    doneDate: reply.doneDate,
    person: reply.person,
    photosBefore: before.join('\n'),
    photosAfter: after.join('\n'),
  });
  if (ledger.addHeaders.length > 0) addScriptColumns(sheet, ledger);
  writeLedgerCells(wb, sheet, ledger.columns, task, after);
  saveCounters({ numbers: [{ series: 'receipt', year: ymdFromDay(wb.clock.today).year, n: numberParts(receipt)?.n ?? 0 }] });
  const mailed = mailReceipt(wb, book, { unit: unitName, key, task, receipt, reply, now });
  const tail = mailed === '' ? t('feedback.accepted.notMailed') : t('feedback.accepted.mailed', { to: mailed });
  return { ok: true, receipt, message: `${t('feedback.accepted', { key, receipt })}${tail}` };
}

/** The next 回执编号: after the highest of the counter, the log and 整改反馈 (never one given twice). */
function nextReceipt(wb: Workbook, book: LogBook, feedback: OpenFeedback): string {
  const { t, clock, settings } = wb;
  const year = ymdFromDay(clock.today).year;
  const prefix = seriesPrefix('receipt', settings.noticePrefix, t);
  let floor = readCounters().number('receipt', year);
  for (const row of feedback.read.rows) {
    const parts = numberParts(row.receipt);
    if (parts && parts.year === year && parts.prefix === prefix.trim()) floor = Math.max(floor, parts.n);
  }
  return numberer([...book.kept.values()], clock.today, prefix, t, floor)();
}

/** 反馈日期, 反馈状态 (待验收), 整改照片 on the matter's row: one block when adjacent (they are, as Duban adds them). */
function writeLedgerCells(wb: Workbook, sheet: Sheet, columns: Partial<Record<string, number>>, task: TaskRow, links: string[]): void {
  const cells = [
    { column: columns.feedbackDate!, value: wb.clock.fromDay(wb.clock.today), format: 'yyyy-mm-dd' },
    { column: columns.feedbackState!, value: wb.t('feedback.pending'), format: '@' },
    { column: columns.photos!, value: links.join('\n'), format: '@' },
  ].sort((a, b) => a.column - b.column);
  const adjacent = cells.every((c, i) => i === 0 || c.column === cells[i - 1]!.column + 1);
  const groups = adjacent ? [cells] : cells.map((c) => [c]);
  for (const group of groups) {
    const range = sheet.getRange(task.index + 1, group[0]!.column + 1, 1, group.length);
    range.setNumberFormats([group.map((c) => c.format)]);
    range.setValues([group.map((c) => c.value)]);
  }
}

interface ReceiptInput {
  unit: string;
  key: string;
  task: TaskRow;
  receipt: string;
  reply: ReplyInput;
  now: Date;
}

/** The 回执 to the unit's contact address(es) in the directory, claimed and sent like every mail; '' when it has none. */
function mailReceipt(wb: Workbook, book: LogBook, r: ReceiptInput): string {
  const { t, settings, clock } = wb;
  const unit = matchUnit(r.unit, wb.units);
  const to = addressesIn(unit?.contactEmail ?? '');
  if (to.length === 0) return '';
  const mail = composeReceipt(
    {
      receipt: r.receipt,
      unit: r.unit,
      key: r.key,
      task: r.task.task,
      place: r.task.place,
      time: Utilities.formatDate(r.now, clock.timeZone, 'yyyy-MM-dd HH:mm'),
      measures: r.reply.measures,
      doneOn: doneDay(r.reply.doneDate, clock.today)!,
      person: r.reply.person,
      photosAfter: r.reply.photosAfter.length,
      photosBefore: r.reply.photosBefore.length,
    },
    to.join(','),
    { t, today: clock.today, office: settings },
  );
  const rows = to.map(
    (address): LogEntry => ({
      index: book.next++,
      number: r.receipt,
      time: r.now,
      day: clock.today,
      key: r.key,
      unit: r.unit,
      level: 'receipt',
      ordinal: 0,
      deadline: r.task.effectiveDeadline,
      to: address,
      role: 'contact',
      subject: mail.subject,
      outcome: 'claimed',
      detail: '',
    }),
  );
  claim(wb, book, rows);
  // 试运行: the 回执 goes to the admin instead, as every mail in a unit's name does.
  const dryRun = () => ({ ...mail, to: settings.adminEmail, subject: t('mail.dryRunSubject', { subject: mail.subject }) });
  const sent = deliverOne(wb, book, { mail, cc: [], rows: rows.map((e) => e.index), rowTo: to, dryRun });
  return sent.status === 'sent' ? cellText(sent.to) : '';
}
