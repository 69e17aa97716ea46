/**
 * A mail as a short list of blocks, rendered twice: as plain text, where every value from a
 * cell appears literally, and as HTML, where every value is escaped here and only here, so
 * that no composer can forget it. A task text `<script>…` or `=HYPERLINK(…)` reads as text.
 *
 * The HTML uses inline styles and table attributes only, no <style> block, no external CSS,
 * no images. Google documents the CSS properties Gmail supports, inline <style> blocks among
 * them (developers.google.com/workspace/gmail/design/css), but a <style> block does not
 * survive every client or a forward; inline styles and border/cellpadding attributes render
 * alike in Gmail and Outlook. MailApp sends `htmlBody` to clients that render HTML and `body`
 * to the rest (MailApp.sendEmail advanced parameters), so both carry everything.
 */
import type { Translate } from '../i18n';
import type { NoticeLevel } from './types';

/** A table cell: text, a link, or a level shown as a coloured label. */
export type Cell = string | { text: string; href: string } | { level: NoticeLevel; text: string };

export type Block =
  /** The dry-run line at the top: whom the mail was meant for. */
  | { kind: 'banner'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'subheading'; text: string }
  /** A level's coloured label followed by a note (the count). */
  | { kind: 'levelHeading'; level: NoticeLevel; word: string; note: string }
  | { kind: 'paragraph'; text: string }
  /** In text, each row is a numbered record: the first cell, then `column：value` lines. */
  | { kind: 'table'; columns: string[]; rows: Cell[][]; rest?: RestOf }
  | { kind: 'list'; items: string[]; rest?: RestOf };

/**
 * Where all the rows of a table (items of a list) are, should a mail too big for MailApp list
 * only its first ones (mail-size.ts): a sheet, and its link when the composer has one.
 */
export interface RestOf {
  sheet: string;
  /** Asked only when the mail is summarised: finding a sheet's link costs the edge a call. */
  link?: () => string;
}

/** Label colours, darker as the level rises; white text on each reads in print too. */
export const LEVEL_COLOUR: Record<NoticeLevel, string> = {
  reminder: '#1565c0',
  notice: '#e65100',
  criticism: '#c62828',
  interview: '#7f0000',
};

const TEXT_RULE = '='.repeat(48);

// ---------------------------------------------------------------- plain text

export function renderText(blocks: Block[], t: Translate): string {
  return `${blocks.map((block) => blockText(block, t)).join('\n\n')}\n`;
}

function blockText(block: Block, t: Translate): string {
  switch (block.kind) {
    case 'banner':
      return `${TEXT_RULE}\n${block.text}\n${TEXT_RULE}`;
    case 'heading':
      return `■ ${block.text}`;
    case 'subheading':
      return `□ ${block.text}`;
    case 'levelHeading':
      return t('mail.levelTag', { level: block.word }) + block.note;
    case 'paragraph':
      return block.text;
    case 'table':
      return block.rows.map((row, i) => recordText(block.columns, row, i + 1, t)).join('\n\n');
    case 'list':
      return block.items.map((item) => `- ${item}`).join('\n');
  }
}

/** `1. first cell` then one indented `column：value` line per other non-empty cell. */
function recordText(columns: string[], row: Cell[], n: number, t: Translate): string {
  const [first, ...rest] = row.map((cell) => cellText(cell, t));
  const lines = [`${n}. ${first ?? ''}`];
  rest.forEach((value, i) => {
    if (value !== '') lines.push(`   ${t('mail.field', { label: columns[i + 1] ?? '', value })}`);
  });
  return lines.join('\n');
}

function cellText(cell: Cell, t: Translate): string {
  if (typeof cell === 'string') return cell;
  if ('href' in cell) return t('mail.link', { text: cell.text, url: cell.href });
  return cell.text;
}

// ---------------------------------------------------------------- HTML

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML: the five special characters as entities, line breaks as <br>. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch).replace(/\r?\n/g, '<br>');
}

const WRAPPER = "font-family:Arial,'Microsoft YaHei',sans-serif;font-size:14px;line-height:1.6;color:#222222";

export function renderHtml(blocks: Block[]): string {
  return `<div style="${WRAPPER}">\n${blocks.map(blockHtml).join('\n')}\n</div>`;
}

function blockHtml(block: Block): string {
  switch (block.kind) {
    case 'banner':
      return (
        '<p style="margin:0 0 16px;padding:10px 14px;border:2px dashed #e65100;background-color:#fff3e0;font-weight:bold">' +
        `${escapeHtml(block.text)}</p>`
      );
    case 'heading':
      return `<h3 style="margin:24px 0 8px;font-size:16px;border-bottom:2px solid #999999">${escapeHtml(block.text)}</h3>`;
    case 'subheading':
      return `<h4 style="margin:16px 0 6px;font-size:14px">${escapeHtml(block.text)}</h4>`;
    case 'levelHeading':
      return `<p style="margin:12px 0 6px">${levelLabel(block.level, block.word)} ${escapeHtml(block.note)}</p>`;
    case 'paragraph':
      return `<p style="margin:0 0 12px">${escapeHtml(block.text)}</p>`;
    case 'table':
      return tableHtml(block.columns, block.rows);
    case 'list':
      return `<ul style="margin:0 0 12px">${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
  }
}

export function levelLabel(level: NoticeLevel, word: string): string {
  const style = `display:inline-block;padding:1px 8px;border-radius:3px;background-color:${LEVEL_COLOUR[level]};color:#ffffff;font-weight:bold`;
  return `<span style="${style}">${escapeHtml(word)}</span>`;
}

function tableHtml(columns: string[], rows: Cell[][]): string {
  const head = `<tr style="background-color:#f2f2f2">${columns.map((c) => `<th align="left">${escapeHtml(c)}</th>`).join('')}</tr>`;
  const body = rows.map((row) => `<tr>${row.map((cell) => `<td valign="top">${cellHtml(cell)}</td>`).join('')}</tr>`);
  return (
    '<table border="1" cellpadding="6" cellspacing="0" style="border-collapse:collapse;border-color:#cccccc;font-size:13px;margin:0 0 12px">' +
    [head, ...body].join('\n') +
    '</table>'
  );
}

function cellHtml(cell: Cell): string {
  if (typeof cell === 'string') return escapeHtml(cell);
  if ('href' in cell) {
    // Only web links become links: anything else (javascript:, data:) shows as text.
    if (!/^https?:\/\//i.test(cell.href)) return escapeHtml(cell.text);
    return `<a href="${escapeHtml(cell.href)}">${escapeHtml(cell.text)}</a>`;
  }
  return levelLabel(cell.level, cell.text);
}
