/**
 * The one vocabulary of closing (销号): what a 整改状态, 销号情况 or 是否销号 cell says about a
 * task, in either language, reduced to a code. Every column that holds closing words is read
 * here, so 已办结 or ☑ means the same in a status column as in a yes/no column (issue 13: a
 * 销号情况 column of 已办结/办结/☑/否 read as status words was "无法识别的状态", and closed
 * tasks showed 逾期).
 *
 * 'submitted' is the unit's own word that the work is done (已完成 / 已整改 / done / 待验收);
 * only the campaign office's verification makes a task 'closed' (已销号, 已办结, a tick or 是 in
 * a 销号 column). Keeping the two apart is what lets the office verify before a task leaves
 * the overdue list; an office that counts 已完成 as closed says so in 设置, for every column.
 */
import { normalizeWord, readYesNo } from '../text/vocabulary';

export type StatusCode = 'not_started' | 'in_progress' | 'submitted' | 'closed' | 'returned' | 'paused' | 'blank' | 'unknown';

/** The words real 创城 ledgers use, by what they say. A plain yes/no (是, ✓, ☑, √, 否, ×) is read by readYesNo below. */
const ALIASES: Record<Exclude<StatusCode, 'blank' | 'unknown'>, string[]> = {
  not_started: [
    '未开始',
    '未启动',
    '待整改',
    '未整改',
    '尚未整改',
    '未落实',
    '未处理',
    '未办理',
    'not started',
    'todo',
    'to do',
    'open',
    'new',
  ],
  in_progress: [
    '整改中',
    '进行中',
    '推进中',
    '正在整改',
    '正在推进',
    '正在办理',
    '处理中',
    '办理中',
    '持续整改',
    '持续推进',
    '部分整改',
    '未完成',
    '未办结',
    '未销号',
    '不销号',
    '未',
    'in progress',
    'doing',
    'ongoing',
    'wip',
  ],
  submitted: [
    '已完成',
    '完成',
    '已整改',
    '整改完成',
    '已整改到位',
    '整改到位',
    '已落实',
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
  closed: ['已销号', '销号', '已验收', '验收通过', '已办结', '办结', '已', 'closed', 'verified'],
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

/**
 * A closing cell read: its code and its text. A checkbox (true/false) or a plain yes/no word
 * (是/否, ✓/×, 1/0) answers "closed?": yes is closed, no is still open (in progress).
 */
export function parseStatus(raw: unknown, closedWords: readonly string[] = DEFAULT_CLOSED_WORDS): { code: StatusCode; text: string } {
  if (raw === undefined || raw === null) return { code: 'blank', text: '' };
  const yesNo = typeof raw === 'string' ? undefined : readYesNo(raw);
  if (yesNo !== undefined) return { code: yesNo ? 'closed' : 'in_progress', text: String(raw) };
  if (typeof raw !== 'string') return { code: 'unknown', text: String(raw) };
  const text = raw.trim();
  if (text === '') return { code: 'blank', text };
  return { code: codeFor(text, closedWords), text };
}

/**
 * The open words that answer the question "closed?" itself (未销号, not 整改中): with a plain no
 * (否, ×), what a yes/no 销号 column holds besides its closing words. Their meaning is in ALIASES.
 */
const NOT_CLOSED = new Set(['未', '未销号', '不销号', '未办结', '未完成', 'open'].map(normalizeWord));

/**
 * Whether a cell answers "is the task closed?" (是否销号) as a yes/no column would: yes for a
 * closing word (已销号, 已办结, ☑, 是), no for a plain no or a "not closed" word (否, 未销号),
 * nothing for blank cells and for progress words (整改中, 待验收, 退回). The header reader
 * asks this to tell a yes/no 销号 column from a status-like one; either way the row reader
 * reads the column with parseStatus, so every word means the same in both.
 */
export function readClosedFlag(v: unknown, closedWords: readonly string[] = DEFAULT_CLOSED_WORDS): boolean | undefined {
  if (parseStatus(v, closedWords).code === 'closed') return true;
  return readYesNo(v) === false || NOT_CLOSED.has(normalizeWord(v)) ? false : undefined;
}

function codeFor(text: string, closedWords: readonly string[]): StatusCode {
  const word = normalizeWord(text);
  // The office's own closed words come first: it may have decided that 已完成 means closed.
  if (closedWords.some((w) => normalizeWord(w) === word && word !== '')) return 'closed';
  const known = BY_WORD.get(word);
  if (known) return known;
  const yesNo = readYesNo(text);
  if (yesNo !== undefined) return yesNo ? 'closed' : 'in_progress';
  // "已完成（待验收）": a remark in brackets does not change the status before it.
  const beforeBracket = word.split('(')[0];
  if (beforeBracket !== word && beforeBracket !== '') return codeFor(beforeBracket, closedWords);
  return 'unknown';
}
