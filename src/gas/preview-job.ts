/**
 * 预览今日督办: what today's sweep would send, composed exactly as it would be, without sending,
 * writing or creating anything (the menu shows it; the local runner writes it as .eml files).
 */

import { leftBehind, parseLog } from '../core/notices/log';
import { digestKind } from '../core/notices/mail-kind';
import { planNotices } from '../core/notices/plan';
import { LEVEL_WORD } from '../core/notices/types';
import { describeProblem } from '../core/problems/problem';
import { keyAfterSweep, newKeys } from '../core/sweep/sweep';
import { composeAll } from './digests';
import { replyToOf } from './mail';
import { emptyResult, failed, type JobResult } from './result';
import { previewReturns } from './returns';
import { readTaskLedger } from './task-sheet';
import { noTaskSheet, openWorkbook } from './workbook';

export function previewNotices(now: Date): JobResult {
  const result = emptyResult('preview');
  const wb = openWorkbook(now);
  const { t } = wb;
  const sheet = wb.taskSheet();
  if (!sheet) {
    return failed(result, noTaskSheet(wb));
  }
  const taskLedger = readTaskLedger(wb, sheet, { adopt: false });
  if (!taskLedger.ok) {
    return failed(result, taskLedger.message);
  }
  const { ledger } = taskLedger;
  const log = wb.sheetFor('log');
  const today = wb.clock.today;
  // As the sweep would see the log: a claim from an earlier day is withdrawn, a send left unconfirmed counts as given.
  const read = parseLog(log?.values ?? [], wb.clock.toDay);
  const { uncertain, stale } = leftBehind(read, today);
  const entries = read.map((e) =>
    uncertain.includes(e) ? { ...e, outcome: 'uncertain' as const } : stale.includes(e) ? { ...e, outcome: 'cancelled' as const } : e,
  );
  // The keys as the sweep would give them (a row keyed today by its new key), nothing written.
  const keyOf = keyAfterSweep(newKeys(ledger));
  const noticePlan = planNotices({
    tasks: ledger.tasks,
    keyOf,
    entries,
    units: wb.units,
    settings: wb.settings,
    calendar: wb.calendar,
    today,
    t,
  });
  const digests = composeAll(wb, sheet, noticePlan);
  result.preview = digests.map((d) => ({
    kind: digestKind(d.level),
    ...d.mail,
    ...(d.cc.length > 0 ? { cc: d.cc.join(',') } : {}),
    name: wb.settings.senderName,
    ...replyToOf(wb.settings.contactEmail),
    numbers: d.numbers,
    level: t(LEVEL_WORD[d.level]),
  }));
  const returns = noticePlan.sendsToday ? previewReturns(wb, sheet, { tasks: ledger.tasks, keyOf }, entries) : [];
  result.preview.push(
    ...returns.map((mail) => ({
      kind: 'return' as const,
      ...mail,
      name: wb.settings.senderName,
      ...replyToOf(wb.settings.contactEmail),
      numbers: [],
      level: t('level.return'),
    })),
  );
  result.warnings.push(
    ...noticePlan.unreachable.map((u) =>
      t('preview.unreachable', { unit: u.unit, task: u.notice.key, reason: t(`summary.reason.${u.reason}`) }),
    ),
  );
  result.warnings.push(...ledger.problems.map((p) => describeProblem(p, t)));
  result.counts = { mails: digests.length, deliveries: noticePlan.deliveries.length, unreachable: noticePlan.unreachable.length };
  result.message = noticePlan.sendsToday
    ? t('preview.done', { mails: digests.length, dryRun: wb.settings.dryRun ? t('preview.dryRun') : '' })
    : t('preview.notToday');
  return result;
}
