/**
 * The 台账问题 sheet: every problem the last sweep found, one row each, located, so the admin
 * has one list to work through (unknown units, unreadable deadlines, bad settings…) instead
 * of hunting for notes row by row. It is rewritten whole by each sweep: it is a report, not a log.
 */
import type { Translate } from '../i18n';
import { type Problem, problemLocation } from './problem';

/**
 * The report lists the first MAX_LISTED problems and says how many more there are: a list of
 * thousands helps nobody, and every problem is still on its own row's 系统提示 and in the
 * job's warnings. It also keeps the sheet inside a new sheet's 1,000-row grid.
 */
export const MAX_LISTED = 900;

export function problemRows(problems: Problem[], checked: string, t: Translate): string[][] {
  const header = [t('probcol.where'), t('probcol.header'), t('probcol.message'), t('probcol.checked')];
  if (problems.length === 0) return [header, [t('problems.none'), '', '', checked]];
  const more = problems.length - MAX_LISTED;
  return [
    header,
    ...problems.slice(0, MAX_LISTED).map((p) => [problemLocation(p, t), p.header ?? '', p.message, checked]),
    ...(more > 0 ? [[t('problems.more', { count: more }), '', '', checked]] : []),
  ];
}
