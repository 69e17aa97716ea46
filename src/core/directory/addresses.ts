/**
 * Mail addresses as people write them in a directory cell (邮箱), read into plain addresses
 * MailApp accepts, each with the name written beside it for the greeting.
 *
 * Offices write `杨帆 <yangfan@example.cn>`, `yangfan@example.cn（杨帆）`, `杨帆 yangfan@…`,
 * several addresses in one cell separated by ；，,;、 or line breaks, a full-width ＠ from a
 * Chinese input method, upper case. These are not RFC 5322 address lists (、 and （）are no
 * separators or comments there), so a general parser (nodemailer's addressparser, 60 KB in
 * the Apps Script bundle) would still need this normalising, and it reads `a@x.cn b@x.cn` as
 * one address named by the other and accepts `<a@x.cn` silently. This reader is small and
 * says no when unsure: anything it cannot read as an address is returned apart, to be
 * reported with its cell and never mailed, since MailApp refuses a whole mail for one bad
 * recipient ("Invalid email").
 */
import { cellText, isEmail } from '../text/text';

/** One address read from a cell, and the name written beside it ('' when none). */
export interface NamedAddress {
  address: string;
  name: string;
}

export interface AddressList {
  addresses: NamedAddress[];
  /** What the cell held that is not an address ('zjj#example.org', a name beside two addresses), as written. */
  bad: string[];
}

/** The brackets offices put around an address, folded to < >; NFKC already folds ＜＞（）＠，；. */
const ANGLE = /[《〈«‹]/g;
const ANGLE_END = /[》〉»›]/g;
const QUOTES = /["'“”‘’「」『』]/g;

/** Separators between addresses outside brackets: ,;、 and line breaks. */
const SEPARATOR = /[,;、\n\r]/;

/** A cell's text with the office's punctuation folded to what this reader looks for. */
function folded(raw: unknown): string {
  return cellText(raw)
    .normalize('NFKC')
    .replace(ANGLE, '<')
    .replace(ANGLE_END, '>')
    .replace(/[\u00a0\u200b\ufeff]/g, ' ')
    .replace(/mailto:/gi, '');
}

/** Splits on separators that stand outside <…>, (…) and quotes, so `"Zhang, San" <z@x.cn>` stays one part. */
function parts(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '<' || ch === '(')) depth++;
    else if (!quoted && (ch === '>' || ch === ')')) depth = Math.max(0, depth - 1);
    if (depth === 0 && !quoted && SEPARATOR.test(ch)) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out.map((p) => p.trim()).filter((p) => p !== '');
}

/** An address as sent: the domain in lower case (the part before @ is kept as written, as RFC 5321 asks). */
function tidy(address: string): string | undefined {
  const at = address.lastIndexOf('@');
  const sent = `${address.slice(0, at)}@${address.slice(at + 1).toLowerCase()}`;
  return at > 0 && isEmail(sent) ? sent : undefined;
}

function cleanName(words: string[]): string {
  return words
    .join(' ')
    .replace(QUOTES, '')
    .replace(/^[\s:：-]+|[\s:：-]+$/g, '')
    .trim();
}

/** One part of a cell: `name <address>`, `name (address)`, `address (name)`, `name address`, or several bare addresses. */
function readPart(part: string, out: AddressList): void {
  // 姓名 <a@b.cn>, and 姓名（a@b.cn） read the same way.
  const angled = /^([^<>]*)<([^<>]*)>([^<>]*)$/.exec(part) ?? /^([^()@]*)\(([^()]*@[^()]*)\)([^()@]*)$/.exec(part);
  if (angled) {
    const address = tidy(angled[2].trim());
    const name = cleanName([angled[1], angled[3].replace(/[()]/g, ' ')]);
    if (address && !name.includes('@')) out.addresses.push({ address, name });
    else out.bad.push(part);
    return;
  }
  if (/[<>]/.test(part)) {
    out.bad.push(part);
    return;
  }
  const comments: string[] = [];
  const rest = part.replace(/\(([^()]*)\)/g, (_, inside: string) => {
    comments.push(inside);
    return ' ';
  });
  const tokens = rest.split(/[\s:]+/).filter((w) => w !== '');
  const addresses = tokens.filter((w) => w.includes('@'));
  const words = [...comments, ...tokens.filter((w) => !w.includes('@'))];
  if (addresses.length === 0 || /[()]/.test(rest) || words.some((w) => w.includes('@'))) {
    out.bad.push(part);
    return;
  }
  // A name beside several addresses belongs to none of them for sure: those words are reported.
  if (addresses.length > 1 && words.length > 0) out.bad.push(cleanName(words));
  const name = addresses.length === 1 ? cleanName(words) : '';
  for (const a of addresses) {
    const address = tidy(a);
    if (address) out.addresses.push({ address, name });
    else out.bad.push(a);
  }
}

/**
 * The addresses a directory cell holds, each once (compared without case), with the name
 * written beside each; what is not an address is returned apart, as written.
 */
export function readAddressList(raw: unknown): AddressList {
  const out: AddressList = { addresses: [], bad: [] };
  for (const part of parts(folded(raw))) readPart(part, out);
  const seen = new Set<string>();
  out.addresses = out.addresses.filter(({ address }) => {
    const key = address.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return out;
}
