/**
 * After a month is published, each unit's contact, head and leader get one short mail: the link
 * to the report and their own line of the ranking (a leader over several units: one mail, a line
 * each). Sent as notices are: a 督办记录 row per person, claimed before the send and confirmed
 * after; a person already told of this month is not told again (publishing again resends
 * nothing); what the quota cannot take is 延后 and goes out when the month is published again.
 */
import { formatDay } from '../core/calendar/day';
import { addressesIn, matchUnit } from '../core/directory/units';
import { isGiven, type LogEntry, publicationKey } from '../core/notices/log';
import { escapeHtml } from '../core/notices/mail-doc';
import { type MonthId, monthLabel } from '../core/scores/history';
import type { UnitScore } from '../core/scores/month';
import type { Ranking } from '../core/scores/ranking';
import { append, type LogRows, type OpenLog, openLog, setOutcome } from './notices';
import type { JobResult } from './result';
import type { Workbook } from './workbook';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

interface Person {
  to: string;
  name: string;
  lines: { unit: UnitScore; category: string; of: number; red: boolean; black: boolean }[];
}

/** Returns how many mails went out. */
export function sendPublicationMails(
  wb: Workbook,
  sheet: Sheet,
  month: MonthId,
  ranking: Ranking,
  now: Date,
  result: JobResult,
  open?: OpenLog,
): number {
  const { t, settings } = wb;
  const changes: string[] = [];
  // The log as the caller holds it (the sweep has just written notices into it), or as read.
  const log = open ?? openLog(wb, changes);
  const key = publicationKey(month);
  const told = new Set(log.entries.filter((e) => e.key === key && isGiven(e.outcome, settings.dryRun)).map((e) => e.to.toLowerCase()));

  // Who answers for which units: one person, one mail.
  const people = new Map<string, Person>();
  for (const category of ranking.categories) {
    const reds = new Set(category.red.map((u) => u.unit));
    const blacks = new Set(category.black.map((u) => u.unit));
    for (const score of category.units) {
      const unit = matchUnit(score.unit, wb.units);
      if (!unit) continue;
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
          if (!person.lines.some((l) => l.unit.unit === score.unit)) {
            person.lines.push({
              unit: score,
              category: category.category,
              of: category.rankedCount,
              red: reds.has(score.unit),
              black: blacks.has(score.unit),
            });
          }
          people.set(id, person);
        }
      }
    }
  }
  if (people.size === 0) return 0;

  const link = `${wb.ss.getUrl()}#gid=${sheet.getSheetId()}`;
  const label = monthLabel(month, t);
  const kept: LogRows = new Map(log.entries.map((e) => [e.index, e] as const));
  let next = log.rows;
  const mails = [...people.values()].map((p) => {
    const first = p.lines[0]!.unit;
    const rank = (u: UnitScore, of: number): string =>
      u.ranked && u.rank !== undefined ? t('pubmail.rank', { rank: u.rank, of }) : t('pubmail.unranked');
    const subject =
      p.lines.length === 1
        ? t('pubmail.subject', { month: label, unit: first.unit, score: first.score, rank: rank(first, p.lines[0]!.of) })
        : t('pubmail.subjectMany', { month: label, unit: first.unit, count: p.lines.length });
    const lines = p.lines
      .map((l) =>
        t('pubmail.line', {
          unit: l.unit.unit,
          category: l.category,
          score: l.unit.score,
          rank: rank(l.unit, l.of),
          rate: l.unit.rate === undefined ? '—' : `${Math.round(l.unit.rate * 1000) / 10}%`,
          list: l.red ? t('pubmail.red') : l.black ? t('pubmail.black') : '',
        }),
      )
      .join('\n');
    const body = t('pubmail.body', {
      name: p.name,
      month: label,
      link,
      lines,
      sender: settings.senderName,
      date: formatDay(wb.clock.today),
    });
    const entry: LogEntry = {
      index: next++,
      number: '',
      time: now,
      day: wb.clock.today,
      key,
      unit: p.lines.map((l) => l.unit.unit).join('、'),
      level: 'publication',
      ordinal: 0,
      deadline: undefined,
      to: p.to,
      role: 'contact',
      subject,
      outcome: 'claimed',
      detail: '',
    };
    kept.set(entry.index, entry);
    return { person: p, subject, body, entry };
  });
  append(
    wb,
    log.sheet,
    mails.map((m) => m.entry),
  );

  let quota = MailApp.getRemainingDailyQuota();
  let full = false;
  let sent = 0;
  for (const m of mails) {
    const rows = [m.entry.index];
    if (full || quota < 1) {
      full = true;
      setOutcome(wb, log.sheet, rows, 'deferred', t('notice.quota'), kept);
      continue;
    }
    const to = settings.dryRun ? settings.adminEmail : m.person.to;
    if (!to) {
      setOutcome(wb, log.sheet, rows, 'test', t('notice.dryRunNoAdmin'), kept);
      continue;
    }
    setOutcome(wb, log.sheet, rows, 'sending', undefined, kept);
    try {
      // The HTML part is the text escaped, line by line, with the report's address a link.
      const href = escapeHtml(link);
      const htmlBody = escapeHtml(m.body).split('\n').join('<br>').replace(href, `<a href="${href}">${href}</a>`);
      MailApp.sendEmail({
        to,
        subject: settings.dryRun ? t('mail.dryRunSubject', { subject: m.subject }) : m.subject,
        body: m.body,
        htmlBody,
        name: settings.senderName,
      });
    } catch (err) {
      setOutcome(wb, log.sheet, rows, 'failed', err instanceof Error ? err.message : String(err), kept);
      continue;
    }
    quota -= 1;
    sent += 1;
    setOutcome(wb, log.sheet, rows, settings.dryRun ? 'test' : 'sent', undefined, kept);
    result.mails.push({ to, subject: m.subject });
  }
  if (open) {
    open.entries.push(...mails.map((m) => m.entry));
    open.rows = next;
  }
  result.warnings.push(...changes);
  return sent;
}
