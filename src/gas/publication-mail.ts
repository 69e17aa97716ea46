/**
 * After a month is published, each unit's contact, head and leader get one short mail: the link
 * to the report and their own line of the ranking (a leader over several units: one mail, a line
 * each). Sent as notices are: a 督办记录 row per person, claimed before the send and confirmed
 * after; a person already told of this month is not told again (publishing again resends
 * nothing); what the quota cannot take is 延后 and goes out when the month is published again,
 * or with the next daily sweep (sendOwedReportMails). Delivered by the path every mail takes (delivery.ts).
 * Every mail quotes the month as published (its 排名历史 rows), never the ledger as it is now.
 */
import { addressesIn, matchUnit } from '../core/directory/units';
import { isGiven, type LogEntry, owedReportMonths, publicationKey } from '../core/notices/log';
import { escapeHtml } from '../core/notices/mail-doc';
import { composeReportLetter, type ReportLine, reportLine } from '../core/publication/report-mail';
import { type HistoryRow, type MonthId, monthLabel, parseHistory } from '../core/scores/history';
import { claim, deliverAll, type Parcel } from './delivery';
import { bookOf, type LogBook, type OpenLog, openLog } from './notice-log';
import { publicationMarks } from './publication-sheet';
import type { JobResult, SentRecord } from './result';
import type { Workbook } from './workbook';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

interface Person {
  to: string;
  name: string;
  lines: ReportLine[];
}

/** A person's mail, claimed in the log. */
interface ReportMail {
  person: Person;
  subject: string;
  body: string;
  entry: LogEntry;
}

/** Returns how many mails went out. `published` is the month's 排名历史 rows. */
export function sendPublicationMails(
  wb: Workbook,
  sheet: Sheet,
  month: MonthId,
  published: readonly HistoryRow[],
  now: Date,
  result: JobResult,
  open?: OpenLog,
): number {
  const changes: string[] = [];
  // The log as the caller holds it (the sweep has just written notices into it), or as read.
  const log = open ?? openLog(wb, changes);
  const key = publicationKey(month);
  const told = new Set(log.entries.filter((e) => e.key === key && isGiven(e.outcome, wb.settings.dryRun)).map((e) => e.to.toLowerCase()));
  const people = peopleToTell(wb, published, told);
  if (people.length === 0) return 0;

  const link = `${wb.ss.getUrl()}#gid=${sheet.getSheetId()}`;
  const book = bookOf(log);
  const mails = people.map((p, i) => composeReportMail(wb, p, month, link, now, log.rows + i));
  book.next += mails.length;
  claim(
    wb,
    book,
    mails.map((m) => m.entry),
  );
  const records = deliver(wb, book, mails, link);
  result.mails.push(...records);
  if (open) {
    open.entries.push(...mails.map((m) => m.entry));
    open.rows = book.next;
  }
  result.warnings.push(...changes);
  return records.length;
}

/** Who answers for which units, not yet told of this month: one person, one mail, a line per unit. */
function peopleToTell(wb: Workbook, published: readonly HistoryRow[], told: ReadonlySet<string>): Person[] {
  const people = new Map<string, Person>();
  for (const row of published) {
    const unit = matchUnit(row.unit, wb.units);
    if (!unit) continue;
    const line = reportLine(row);
    const roles: [string, string][] = [
      [unit.contactEmail, unit.contact],
      [unit.headEmail, unit.head],
      [unit.leaderEmail, unit.leader],
    ];
    for (const [cell, name] of roles) {
      for (const to of addressesIn(cell)) {
        const id = to.toLowerCase();
        if (told.has(id)) continue;
        const person = people.get(id) ?? { to, name, lines: [] };
        if (!person.lines.some((l) => l.unit === line.unit)) person.lines.push(line);
        people.set(id, person);
      }
    }
  }
  return [...people.values()];
}

/** One person's mail: their units' lines, the report's link; and its claim (待发送) at the log's row `index`. */
function composeReportMail(wb: Workbook, p: Person, month: MonthId, link: string, now: Date, index: number): ReportMail {
  const { t } = wb;
  const { subject, body } = composeReportLetter(p.lines, {
    t,
    month: monthLabel(month, t),
    link,
    today: wb.clock.today,
    office: wb.settings,
  });
  const entry: LogEntry = {
    index,
    number: '',
    time: now,
    day: wb.clock.today,
    key: publicationKey(month),
    unit: p.lines.map((l) => l.unit).join('、'),
    level: 'publication',
    ordinal: 0,
    deadline: undefined,
    to: p.to,
    role: 'contact',
    subject,
    outcome: 'claimed',
    detail: '',
  };
  return { person: p, subject, body, entry };
}

/**
 * Sends the claimed mails in order through the one delivery path (delivery.ts: 发送中, flush,
 * send, confirm) while the quota lasts (once one does not fit, the rest are 延后 too: see
 * notices/sending.ts). Returns the record of each mail sent.
 */
function deliver(wb: Workbook, book: LogBook, mails: ReportMail[], link: string): SentRecord[] {
  const { t } = wb;
  // The HTML part is the text escaped, line by line, with the report's address a link.
  const href = escapeHtml(link);
  const html = (body: string): string => escapeHtml(body).split('\n').join('<br>').replace(href, `<a href="${href}">${href}</a>`);
  const parcels = mails.map(
    (m): Parcel => ({
      mail: { to: m.person.to, subject: m.subject, body: m.body, htmlBody: html(m.body) },
      cc: [],
      rows: [m.entry.index],
      dryRun: () => ({
        to: wb.settings.adminEmail,
        subject: t('mail.dryRunSubject', { subject: m.subject }),
        body: m.body,
        htmlBody: html(m.body),
      }),
    }),
  );
  const records: SentRecord[] = [];
  deliverAll(wb, book, parcels, { keepForSummary: false }).forEach((d, i) => {
    if (d.status === 'sent') records.push({ kind: 'report', to: d.to, subject: mails[i]!.subject });
  });
  return records;
}

/**
 * The daily sweep's part: a month's report mails the quota (or a failure) held back go out
 * now, to whoever of that month has not been told yet, with the month as it was published (its
 * 排名历史 rows). A month 排名历史 no longer has is said to the admin, and nothing is sent for it.
 */
export function sendOwedReportMails(wb: Workbook, log: OpenLog, now: Date, result: JobResult): void {
  const found = wb.sheetFor('history');
  const history = found?.ours ? parseHistory(found.values, wb.clock.toDay, wb.settings.locale).rows : [];
  for (const month of owedReportMonths(log.entries, wb.settings.dryRun)) {
    const sheet = publicationMarks(wb, month)[0]?.getLocation().getSheet();
    if (!sheet) continue;
    const published = history.filter((r) => r.month === month);
    if (published.length === 0) {
      const name = found?.sheet.getName() ?? wb.t('sheet.history');
      result.warnings.push(wb.t('publish.owedNoHistory', { sheet: name, month: monthLabel(month, wb.t) }));
      continue;
    }
    sendPublicationMails(wb, sheet, month, published, now, result, log);
  }
}
