/**
 * 整改状态: the status column as people fill it, in either language, reduced to a code.
 *
 * 'submitted' is the unit's own word that the work is done (已完成 / 待验收); only the
 * campaign office's verification makes a task 'closed' (已销号). Keeping the two apart is
 * what lets the office verify before a task leaves the overdue list.
 */
import { normalizeWord } from '../text/vocabulary';

export type StatusCode = 'not_started' | 'in_progress' | 'submitted' | 'closed' | 'returned' | 'paused' | 'blank' | 'unknown';

const ALIASES: Record<Exclude<StatusCode, 'blank' | 'unknown'>, string[]> = {
  not_started: ['未开始', '未启动', '待整改', '未整改', 'not started', 'todo', 'to do', 'open', 'new'],
  in_progress: ['整改中', '进行中', '推进中', '正在整改', '正在推进', '处理中', 'in progress', 'doing', 'ongoing', 'wip'],
  submitted: [
    '已完成',
    '完成',
    '已整改',
    '整改完成',
    '待验收',
    '待核查',
    '待审核',
    '申请销号',
    '已申请销号',
    'done',
    'completed',
    'complete',
    'submitted',
    'pending verification',
  ],
  closed: ['已销号', '销号', '已验收', '验收通过', 'closed', 'verified'],
  returned: ['退回', '被退回', '已退回', '驳回', '已驳回', '未通过', '验收未通过', 'returned', 'rejected'],
  paused: ['暂缓', '暂停', '缓办', '暂缓整改', 'paused', 'on hold', 'hold', 'suspended'],
};

const BY_WORD = new Map<string, StatusCode>();
for (const [code, words] of Object.entries(ALIASES) as [StatusCode, string[]][]) {
  for (const word of words) BY_WORD.set(normalizeWord(word), code);
}

/**
 * The words offered in the status drop-down, one per code a person sets.
 *
 * 已完成 is deliberately not offered: in these ledgers it is read both as "the unit says it is
 * done" and as "verified and closed", and the drop-down should make people say which. 待验收
 * says the first, 已销号 the second. Typed 已完成 is still understood (as submitted, or as
 * closed where the office's settings say so), and statusWordsFor() adds it back for such offices.
 */
export const STATUS_WORDS = ['未开始', '整改中', '待验收', '已销号', '退回', '暂缓'] as const;

/** The canonical word for each code, for writing a status back in the office's own terms. */
export const STATUS_WORD: Record<Exclude<StatusCode, 'blank' | 'unknown'>, string> = {
  not_started: '未开始',
  in_progress: '整改中',
  submitted: '待验收',
  closed: '已销号',
  returned: '退回',
  paused: '暂缓',
};

export const DEFAULT_CLOSED_WORDS: readonly string[] = ['已销号'];

/** The drop-down's words, plus any word the settings count as closed (so it can be picked). */
export function statusWordsFor(closedWords: readonly string[] = DEFAULT_CLOSED_WORDS): string[] {
  const words: string[] = [...STATUS_WORDS];
  for (const w of closedWords) {
    const word = w.trim();
    if (word !== '' && !words.some((x) => normalizeWord(x) === normalizeWord(word))) words.push(word);
  }
  return words;
}

export function parseStatus(raw: unknown, closedWords: readonly string[] = DEFAULT_CLOSED_WORDS): { code: StatusCode; text: string } {
  if (raw === undefined || raw === null) return { code: 'blank', text: '' };
  if (typeof raw !== 'string') return { code: 'unknown', text: String(raw) };
  const text = raw.trim();
  if (text === '') return { code: 'blank', text };
  return { code: codeFor(text, closedWords), text };
}

function codeFor(text: string, closedWords: readonly string[]): StatusCode {
  const word = normalizeWord(text);
  // The office's own closed words come first: it may have decided that 已完成 means closed.
  if (closedWords.some((w) => normalizeWord(w) === word && word !== '')) return 'closed';
  const known = BY_WORD.get(word);
  if (known) return known;
  // "已完成（待验收）": a remark in brackets does not change the status before it.
  const beforeBracket = word.split('(')[0];
  if (beforeBracket !== word && beforeBracket !== '') return codeFor(beforeBracket, closedWords);
  return 'unknown';
}
