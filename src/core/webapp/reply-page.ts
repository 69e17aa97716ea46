/**
 * The unit's reply page (全程跟进, issue 16: reply): its open matters as the ledger and 督办记录
 * say them (what, where, 整改时限, the 整改限期 of the last notice, the notices received, the
 * 退回 reason when the last word on it was a 退回), each with a form (整改措施, 完成日期, 责任人,
 * photos after and before) sent one matter at a time through google.script.run. A matter already
 * reported (待验收) says so and has no form. Every value is escaped here; the page's script takes
 * its words from a JSON block, never from the markup.
 */
import { type Day, formatDay } from '../calendar/day';
import type { Translate } from '../i18n';
import type { TaskRow } from '../ledger/tasks';
import type { LogEntry } from '../notices/log';
import { escapeHtml } from '../notices/mail-doc';
import { FORM_LIMITS } from './forms';
import { PAGE_STYLE } from './page';
import { REPLY_SCRIPT } from './reply-script';

export interface ReplyMatter {
  key: string;
  task: string;
  place: string;
  /** 整改时限 as a day (as `showDay` writes it), or '' when the row has none that reads as a day. */
  deadline: string;
  /** 整改限期 the last notice stated. */
  replyBy?: string;
  notices: { number: string; date: string }[];
  /** The verifier's reason, when the last event on the matter was a 退回. */
  returned?: string;
  /** The day it was reported, when it already awaits verification (待验收). */
  pendingSince?: string;
}

const NOTICE_LEVELS = new Set(['reminder', 'notice', 'criticism', 'interview']);
const DELIVERED = new Set(['sent', 'test', 'uncertain', 'recorded']);

/**
 * The unit's matters still open (not closed), in the ledger's order, with what 督办记录 says of each.
 * `showDay` writes a day as the page shows it (the office's 2026年12月3日; ISO by default).
 */
export function replyMatters(
  unit: string,
  tasks: readonly TaskRow[],
  log: readonly LogEntry[],
  showDay: (day: Day) => string = formatDay,
): ReplyMatter[] {
  return tasks
    .filter((task) => task.key !== '' && task.units.includes(unit) && task.state.code !== 'closed')
    .map((task) => {
      const events = log.filter((e) => e.key === task.key && e.unit === unit);
      const notices = events.filter((e) => NOTICE_LEVELS.has(e.level) && e.number !== '' && DELIVERED.has(e.outcome));
      const seen = new Map<string, { number: string; date: string }>();
      for (const n of notices)
        if (!seen.has(n.number)) seen.set(n.number, { number: n.number, date: n.day === undefined ? '' : showDay(n.day) });
      const last = [...events].reverse().find((e) => NOTICE_LEVELS.has(e.level) || e.level === 'return');
      const replyBy = [...notices].reverse().find((n) => n.replyBy !== undefined)?.replyBy;
      return {
        key: task.key,
        task: task.task,
        place: task.place,
        deadline: task.effectiveDeadline === undefined ? '' : showDay(task.effectiveDeadline),
        ...(replyBy !== undefined ? { replyBy: showDay(replyBy) } : {}),
        notices: [...seen.values()],
        ...(last?.level === 'return' ? { returned: last.detail } : {}),
        ...(task.state.code === 'pending' ? { pendingSince: task.statusChanged === undefined ? '' : showDay(task.statusChanged) } : {}),
      };
    });
}

const REPLY_STYLE =
  'section{border-top:1px solid #d0d7de;padding:12px 0}h2{font-size:19px;margin:4px 0}dl{margin:6px 0}dt{color:#57606a;font-size:15px}dd{margin:0 0 6px}' +
  'label{display:block;margin:12px 0 4px;font-weight:600}input,textarea,button{font:inherit;width:100%;box-sizing:border-box}' +
  'input[type=text],input[type=date],textarea{padding:10px;border:1px solid #8c959f;border-radius:6px;min-height:48px}' +
  'input[type=file]{padding:8px 0;min-height:48px}button{margin-top:16px;min-height:52px;border:0;border-radius:8px;background:#1a7f37;color:#fff;font-weight:600}' +
  'button:disabled{background:#8c959f}.hint{color:#57606a;font-size:14px}.returned{color:#9a6700}.pending{color:#0969da;font-weight:600}' +
  '.status{margin-top:12px;white-space:pre-wrap}.status.ok{color:#1a7f37;font-weight:600}.status.fail{color:#b42318;font-weight:600}';

function field(label: string, value: string): string {
  return value === '' ? '' : `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`;
}

function matterForm(t: Translate, m: ReplyMatter, i: number): string {
  const id = (name: string) => `m${i}-${name}`;
  const label = (name: string, text: string) => `<label for="${id(name)}">${escapeHtml(text)}</label>`;
  const photos = (name: string, required: boolean) =>
    `<input id="${id(name)}" name="${name}" type="file" accept="image/*" capture="environment" multiple${required ? ' required' : ''}>`;
  return (
    `<form class="reply" data-key="${escapeHtml(m.key)}" novalidate>` +
    label('measures', t('webapp.field.measures')) +
    `<textarea id="${id('measures')}" name="measures" rows="4" maxlength="${FORM_LIMITS.measures}" required></textarea>` +
    label('doneDate', t('webapp.field.doneDate')) +
    `<input id="${id('doneDate')}" name="doneDate" type="date" required>` +
    label('person', t('webapp.field.person')) +
    `<input id="${id('person')}" name="person" type="text" maxlength="${FORM_LIMITS.person}" required>` +
    label('photosAfter', t('webapp.field.photosAfter')) +
    photos('photosAfter', true) +
    label('photosBefore', t('webapp.field.photosBefore')) +
    photos('photosBefore', false) +
    `<p class="hint">${escapeHtml(t('reply.photoHint'))}</p>` +
    `<button type="submit">${escapeHtml(t('reply.submit'))}</button>` +
    `<p class="status" role="status" aria-live="polite"></p></form>`
  );
}

function matterSection(t: Translate, m: ReplyMatter, i: number): string {
  const notices = m.notices.map((n) => t('reply.noticeLine', n)).join('\n');
  const facts =
    field(t('webapp.field.key'), m.key) +
    field(t('webapp.field.place'), m.place) +
    field(t('reply.deadline'), m.deadline) +
    field(t('reply.replyBy'), m.replyBy ?? '') +
    (notices === ''
      ? ''
      : `<dt>${escapeHtml(t('reply.notices'))}</dt><dd class="notices">${m.notices.map((n) => `<div>${escapeHtml(t('reply.noticeLine', n))}</div>`).join('')}</dd>`);
  const returned = m.returned ? `<p class="returned">${escapeHtml(t('reply.returned', { reason: m.returned }))}</p>` : '';
  const body =
    m.pendingSince !== undefined
      ? `<p class="pending">${escapeHtml(t('reply.pending', { date: m.pendingSince }))}</p>`
      : returned + matterForm(t, m, i);
  return `<section class="matter" id="matter-${i}"><h2>${escapeHtml(m.task)}</h2><dl>${facts}</dl>${body}</section>`;
}

/** The whole page; `token` goes back with every call (in a JSON block, escaped for a script element). */
export function replyPageHtml(t: Translate, title: string, token: string, matters: readonly ReplyMatter[]): string {
  const words = {
    token,
    sending: t('reply.sending'),
    preparing: t('reply.preparing'),
    received: t('reply.received', { receipt: '{receipt}' }),
    failed: t('reply.failed', { message: '{message}' }),
  };
  const data = JSON.stringify(words).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
  const list = matters.length === 0 ? `<p>${escapeHtml(t('reply.none'))}</p>` : matters.map((m, i) => matterSection(t, m, i)).join('');
  return (
    `<!DOCTYPE html><html><head><meta charset="utf-8"><style>${PAGE_STYLE}${REPLY_STYLE}</style></head>` +
    `<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(t('reply.intro'))}</p>${list}</main>` +
    `<script type="application/json" id="reply-words">${data}</script><script>${REPLY_SCRIPT}</script></body></html>`
  );
}
