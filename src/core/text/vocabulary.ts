/**
 * The one vocabulary of yes/no words people type into cells, and the questions asked of it.
 *
 * A ledger is read in several places (the header sampling that decides what a 销号情况
 * column is, the row reader, the extension approval, the settings sheet). When each kept its
 * own word list, a 销号 column saying 已办结 passed the header's test as a flag and then
 * meant nothing to the row reader, so a closed task showed 逾期. Here every list grows from
 * one base of plain yes/no words, and each reader asks the question it means. The closing
 * words (已销号, 已办结, 整改中 …) are one vocabulary with the status words, in
 * ledger/status.ts, which reads a plain yes/no through readYesNo.
 */
import { cellText } from './text';

/**
 * A word as it is compared: NFKC (full-width letters and digits from a Chinese input method
 * become half-width), without any whitespace, lower case.
 */
export function normalizeWord(v: unknown): string {
  return cellText(v).normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

interface Words {
  yes: readonly string[];
  no: readonly string[];
}

/** Plain yes/no: what a 是否… cell or a yes/no setting holds, and the ticks people draw. */
const PLAIN: Words = {
  yes: ['是', '对', 'y', 'yes', 'true', '1', '√', '✓', '✔', '☑'],
  no: ['否', '不', '错', 'n', 'no', 'false', '0', '×', '✗', '✘', '☐'],
};

/** Whether an extension is approved (延期审批). */
const APPROVAL: Words = {
  yes: [
    '同意',
    '已同意',
    '同意延期',
    '批准',
    '已批准',
    '准予延期',
    '通过',
    '已通过',
    '审批通过',
    'ok',
    'agreed',
    'approve',
    'approved',
    'granted',
  ],
  no: [
    '不同意',
    '未同意',
    '不批准',
    '未批准',
    '不予批准',
    '驳回',
    '已驳回',
    '不通过',
    '未通过',
    'reject',
    'rejected',
    'denied',
    'declined',
  ],
};

type Answer = ReadonlyMap<string, boolean>;

function answers(...lists: Words[]): Answer {
  const map = new Map<string, boolean>();
  for (const words of lists) {
    for (const w of words.yes) map.set(normalizeWord(w), true);
    for (const w of words.no) map.set(normalizeWord(w), false);
  }
  return map;
}

const PLAIN_ANSWERS = answers(PLAIN);
const APPROVAL_ANSWERS = answers(PLAIN, APPROVAL);

/**
 * Checkbox cells arrive from getValues() as booleans, and a 1/0 typed into a number cell as a
 * number; anything else is read as its words. Blank and unknown words are undefined.
 */
function ask(v: unknown, words: Answer): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : undefined;
  if (typeof v !== 'string') return undefined;
  return words.get(normalizeWord(v));
}

/** A plain yes/no (a yes/no setting such as 试运行): 已销号 or 同意 are not answers here. */
export function readYesNo(v: unknown): boolean | undefined {
  return ask(v, PLAIN_ANSWERS);
}

/** An extension's approval (延期审批): yes/no, or the approving words (同意, 批准, 驳回 …). */
export function readApproval(v: unknown): boolean | undefined {
  return ask(v, APPROVAL_ANSWERS);
}
