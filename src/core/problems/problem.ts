/**
 * A problem found in a sheet, located the way a person would look for it: sheet name,
 * 1-based row, column letter and header. Every warning a job reports is one of these, so
 * "what is wrong and where" is never lost on the way to run.json, a row note or a mail.
 */
import type { Translate } from '../i18n';
import { columnLetter } from '../text/text';

export interface Problem {
  sheet: string;
  /** 1-based sheet row; 0 when the problem is about the whole sheet. */
  row: number;
  /** 1-based column; 0 when the problem is about a whole row or sheet. */
  column: number;
  /** The header text of that column, when known. */
  header?: string;
  message: string;
}

/** Where a problem is, as a person names it: 《任务台账》F7, 《任务台账》第7行, 《设置》. */
export function problemLocation(p: Problem, t: Translate): string {
  if (p.row <= 0) return t('where.sheet', { sheet: p.sheet });
  if (p.column > 0) return t('where.cell', { sheet: p.sheet, cell: `${columnLetter(p.column - 1)}${p.row}` });
  return t('where.row', { sheet: p.sheet, row: p.row });
}

/** '《任务台账》F7 (整改时限): …' — one line a person can act on, in their language. */
export function describeProblem(p: Problem, t: Translate): string {
  const header = p.header ? ` (${p.header})` : '';
  return `${problemLocation(p, t)}${header}: ${p.message}`;
}

/**
 * A problem a reader finds in a sheet's values before the edge locates it: 0-based indexes into
 * the values array as getValues() returned it (the edge adds the sheet, the header row and the
 * header). The settings, the 计分规则, the unit directory and the 排名历史 readers all report these;
 * the holiday reader reports a code (`M`) that the edge words.
 */
export interface CellProblem<M = string> {
  row: number;
  column: number;
  message: M;
}
