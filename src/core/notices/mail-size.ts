/**
 * Every mail under MailApp's body limit (issue 17, the mails part). Google's quota page gives
 * "Email body size 200 KB / msg" and MailApp refuses a mail past it ("Limit Exceeded: Email
 * Body Size."): the mail is lost, on exactly the days that have the most to say. So a mail is
 * rendered whole when it fits, and otherwise summarised: each table and list keeps its first
 * rows (the most urgent, as the composers order them) and says how many it does not list and
 * which sheet holds them all, long cells are shortened, and a note at the top says so. Nothing
 * is left out silently.
 *
 * What is counted: the UTF-8 bytes of the plain-text body plus those of the HTML body. Google
 * does not say whether the two alternatives of one message count together; counting both is
 * the stricter reading, and the local runtime enforces the same.
 */
import type { Translate } from '../i18n';
import { type Block, type Cell, type RestOf, renderHtml, renderText } from './mail-doc';

/** MailApp's limit: 200 KB per message. */
export const MAIL_BODY_LIMIT_BYTES = 200 * 1024;

/** What Duban lets a body reach: under 200,000 bytes too (the other reading of "200 KB"), with room for the MIME wrapping. */
export const MAIL_BODY_BUDGET_BYTES = 190_000;

/** UTF-8 bytes of a text, as MailApp counts them (no TextEncoder in the core: Apps Script may lack it). */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4; // a surrogate pair: one code point of four bytes
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** The body of a mail as MailApp counts it: text and HTML together. */
export function mailBodyBytes(body: string, htmlBody: string | undefined): number {
  return utf8Bytes(body) + utf8Bytes(htmlBody ?? '');
}

/**
 * The steps of summarising: the most rows of any one table (items of a list), the most rows in
 * the whole mail, shared out a row at a time across its tables in their order (so the first
 * of sixty tables does not take them all), and the most characters of a cell.
 */
interface Step {
  perTable: number;
  total: number;
  chars: number;
}
const STEPS: readonly Step[] = [
  { perTable: 200, total: 2000, chars: 500 },
  { perTable: 100, total: 1000, chars: 300 },
  { perTable: 50, total: 500, chars: 200 },
  { perTable: 20, total: 250, chars: 120 },
  { perTable: 10, total: 120, chars: 80 },
  { perTable: 5, total: 60, chars: 60 },
  { perTable: 3, total: 30, chars: 40 },
  { perTable: 0, total: 0, chars: 40 },
];

export interface RenderedMail {
  body: string;
  htmlBody: string;
  /** Rows of tables and items of lists the mail does not list (0 when it went whole). */
  notListed: number;
}

/**
 * The mail's text and HTML, whole when they fit in `budget` bytes; otherwise the first step of
 * summarising that fits. A table or list without `rest` says only how many it leaves out; every
 * composer gives its big ones a `rest` (the sheet that holds them all).
 */
export function renderWithinLimit(blocks: Block[], t: Translate, budget = MAIL_BODY_BUDGET_BYTES): RenderedMail {
  const whole = { body: renderText(blocks, t), htmlBody: renderHtml(blocks), notListed: 0 };
  if (mailBodyBytes(whole.body, whole.htmlBody) <= budget) return whole;
  let last = whole;
  for (const step of STEPS) {
    const { blocks: cut, notListed } = summarise(blocks, step, t);
    const note: Block = { kind: 'banner', text: t('mail.summarised', { count: notListed, chars: step.chars }) };
    const shown = [note, ...cut];
    last = { body: renderText(shown, t), htmlBody: renderHtml(shown), notListed };
    if (mailBodyBytes(last.body, last.htmlBody) <= budget) return last;
  }
  // Only headings and paragraphs are left, and they still pass: the composer must say less.
  // MailApp will refuse it, the delivery logs 发送失败 and the admin is told; never silent.
  return last;
}

function summarise(blocks: Block[], step: Step, t: Translate): { blocks: Block[]; notListed: number } {
  const sizes = blocks.map((b) => (b.kind === 'table' ? b.rows.length : b.kind === 'list' ? b.items.length : 0));
  const shown = allot(sizes, step);
  let notListed = 0;
  const out: Block[] = [];
  blocks.forEach((block, i) => {
    const keep = shown[i] ?? 0;
    const hidden = (sizes[i] ?? 0) - keep;
    notListed += hidden;
    if (block.kind === 'table') {
      if (keep > 0) out.push({ ...block, rows: block.rows.slice(0, keep).map((r) => r.map((c) => clipCell(c, step.chars))) });
    } else if (block.kind === 'list') {
      if (keep > 0) out.push({ ...block, items: block.items.slice(0, keep).map((x) => clip(x, step.chars)) });
    } else out.push(block);
    if (hidden > 0 && (block.kind === 'table' || block.kind === 'list')) out.push(restNote(hidden, block.rest, t));
  });
  return { blocks: out, notListed };
}

/** Rows shown of each block: a row at a time to each table in turn, up to its cap, until the mail's total is shared out. */
function allot(sizes: number[], step: Step): number[] {
  const caps = sizes.map((n) => Math.min(n, step.perTable));
  const shown = sizes.map(() => 0);
  let left = step.total;
  let gave = true;
  while (left > 0 && gave) {
    gave = false;
    for (let i = 0; i < caps.length && left > 0; i++) {
      if ((shown[i] ?? 0) < (caps[i] ?? 0)) {
        shown[i] = (shown[i] ?? 0) + 1;
        left--;
        gave = true;
      }
    }
  }
  return shown;
}

/** 另有N行未在本邮件中列出，全部见《督办记录》: how many, and where they all are. */
function restNote(count: number, rest: RestOf | undefined, t: Translate): Block {
  if (!rest) return { kind: 'paragraph', text: t('mail.notListed', { count }) };
  if (rest.link === undefined) return { kind: 'paragraph', text: t('mail.notListedIn', { count, sheet: rest.sheet }) };
  return { kind: 'paragraph', text: t('mail.notListedLink', { count, sheet: rest.sheet, link: rest.link() }) };
}

function clip(text: string, chars: number): string {
  return text.length <= chars ? text : `${text.slice(0, chars)}…`;
}

function clipCell(cell: Cell, chars: number): Cell {
  if (typeof cell === 'string') return clip(cell, chars);
  return { ...cell, text: clip(cell.text, chars) };
}

/** MailApp refuses a mail to more than 50 addresses, To, Cc and Bcc together ("Limit Exceeded: Email Recipients Per Message."). */
export const MAX_RECIPIENTS_PER_MAIL = 50;

/**
 * A mail's addresses in batches MailApp accepts: each batch one mail of at most 50 addresses,
 * To first, then the copies; a batch of copies only is addressed to them (MailApp needs a To).
 * A 通报 to every unit of a 200-unit city goes as five mails instead of being refused.
 */
export function recipientBatches<T>(
  addresses: readonly T[],
  isCopy: (a: T) => boolean,
  max = MAX_RECIPIENTS_PER_MAIL,
): { to: T[]; cc: T[] }[] {
  const ordered = [...addresses.filter((a) => !isCopy(a)), ...addresses.filter(isCopy)];
  const batches: { to: T[]; cc: T[] }[] = [];
  for (let i = 0; i < ordered.length; i += max) {
    const batch = ordered.slice(i, i + max);
    batches.push({ to: batch.filter((a) => !isCopy(a)), cc: batch.filter(isCopy) });
  }
  return batches;
}

/** MailApp refuses a subject over 250 characters ("Argument too large: subject"). */
export const MAX_SUBJECT_CHARS = 250;

/** A subject MailApp takes: cut, with 「…」, when a long name (a unit typed at length) would pass 250 characters. */
export function subjectWithinLimit(subject: string): string {
  return subject.length <= MAX_SUBJECT_CHARS ? subject : `${subject.slice(0, MAX_SUBJECT_CHARS - 1)}…`;
}
