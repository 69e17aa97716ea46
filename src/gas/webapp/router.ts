/**
 * The web app's door: doGet opens the page a link names (the unit's reply page, the inspector's
 * 当场下单 page) or a plain refusal; the google.script.run server functions (and doPost, the same
 * calls as JSON) check the link, the rate and the form before anything is kept. The page is never
 * trusted: everything it sends is checked here again.
 */
import type { Translate } from '../../core/i18n';
import {
  type FormReading,
  type OrderInput,
  type ReplyInput,
  readOrderForm,
  readReplyForm,
  type SubmitResult,
} from '../../core/webapp/forms';
import { type Refusal, refusalHtml, refusalLines } from '../../core/webapp/page';
import type { LinkClaims, LinkRole } from '../../core/webapp/token';
import { openWorkbook } from '../workbook';
import { failedSubmission } from './failure';
import { checkLink } from './links';
import { inspectorPage, type Page, replyPage } from './pages';
import { submitOrder, submitReply } from './submit';

/** Submissions one link may make in a window (CacheService): a phone that retries is fine, a flood is not. */
export const RATE_LIMIT = { submissions: 20, windowSeconds: 600 } as const;

function translatorOf(now: Date): { t: Translate; contact: string[]; timeZone: string } {
  const wb = openWorkbook(now);
  const s = wb.settings;
  return { t: wb.t, contact: [s.contactPerson, s.contactPhone, s.contactEmail].filter((x) => x !== ''), timeZone: wb.clock.timeZone };
}

/** An HtmlOutput for a phone: its title, the viewport, not framed by other sites. */
export function servePage(page: Page): GoogleAppsScript.HTML.HtmlOutput {
  return HtmlService.createHtmlOutput(page.html)
    .setTitle(page.title)
    .addMetaTag('viewport', 'width=device-width, initial-scale=1')
    .setXFrameOptionsMode(HtmlService.XFrameOptionsMode.DEFAULT);
}

function expiredOn(expires: number | undefined, timeZone: string): string | undefined {
  return expires === undefined ? undefined : Utilities.formatDate(new Date(expires), timeZone, 'yyyy-MM-dd');
}

/** GET /exec?t=<token>. */
export function routeGet(e: GoogleAppsScript.Events.DoGet | undefined, now: Date): GoogleAppsScript.HTML.HtmlOutput {
  const token = e?.parameter?.t;
  const check = checkLink(token, now);
  const office = translatorOf(now);
  if (!check.ok) {
    const context = { contact: office.contact, expired: expiredOn('expires' in check ? check.expires : undefined, office.timeZone) };
    return servePage({ title: office.t('webapp.refused.title'), html: refusalHtml(office.t, check.reason, context) });
  }
  const page = check.claims.role === 'unit' ? replyPage : inspectorPage;
  return servePage(page(check.claims, token as string, now, office.t));
}

/** Counts a submission of this link; false when it is past the rate limit. */
function withinRate(claims: LinkClaims): boolean {
  const cache = CacheService.getScriptCache();
  const digest = Utilities.base64EncodeWebSafe(
    Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, `${claims.role}:${claims.subject}`),
  );
  const key = `duban.rate.${digest}`;
  const count = Number(cache.get(key) ?? 0) + 1;
  cache.put(key, String(count), RATE_LIMIT.windowSeconds);
  return count <= RATE_LIMIT.submissions;
}

function submit<T>(
  role: LinkRole,
  token: unknown,
  form: unknown,
  read: (raw: unknown, t: Translate) => FormReading<T>,
  keep: (claims: LinkClaims, value: T, now: Date, t: Translate) => SubmitResult,
): SubmitResult {
  const now = new Date();
  const office = translatorOf(now);
  const { t } = office;
  const check = checkLink(token, now);
  const refused = (reason: Refusal, expires?: number) => ({
    ok: false as const,
    message: t('webapp.submit.refused', {
      reason: refusalLines(t, reason, { contact: office.contact, expired: expiredOn(expires, office.timeZone) }).join(' '),
    }),
  });
  if (!check.ok) return refused(check.reason, 'expires' in check ? check.expires : undefined);
  if (check.claims.role !== role) return refused('malformed');
  if (!withinRate(check.claims)) return { ok: false, message: t('webapp.rateLimited', { minutes: RATE_LIMIT.windowSeconds / 60 }) };
  const reading = read(form, t);
  if (!reading.ok) return { ok: false, message: reading.message };
  try {
    return keep(check.claims, reading.value, now, t);
  } catch (err) {
    // Drive refusing, a quota, a sheet that cannot be written: the person is told plainly, the admin the detail.
    return failedSubmission(err, {
      call: role === 'unit' ? 'webappSubmitReply' : 'webappSubmitOrder',
      claims: check.claims,
      contact: office.contact,
      now,
    });
  }
}

/** google.script.run.webappSubmitReply(token, form): a unit's reply to one matter. */
export function routeReply(token: unknown, form: unknown): SubmitResult {
  return submit<ReplyInput>('unit', token, form, readReplyForm, submitReply);
}

/** google.script.run.webappSubmitOrder(token, form): an inspector's order. */
export function routeOrder(token: unknown, form: unknown): SubmitResult {
  return submit<OrderInput>('inspector', token, form, readOrderForm, submitOrder);
}

/** POST /exec with `{ call: 'reply' | 'order', token, form }`: the same calls for a client without google.script.run; JSON back. */
export function routePost(e: GoogleAppsScript.Events.DoPost | undefined): GoogleAppsScript.Content.TextOutput {
  const body = readBody(e?.postData?.contents);
  // Only a body that cannot be read is "not understood"; what fails after that says what failed (failedSubmission).
  const result: SubmitResult =
    body?.call === 'reply'
      ? routeReply(body.token, body.form)
      : body?.call === 'order'
        ? routeOrder(body.token, body.form)
        : { ok: false, message: translatorOf(new Date()).t('webapp.form.bad') };
  return ContentService.createTextOutput(JSON.stringify(result)).setMimeType(ContentService.MimeType.JSON);
}

function readBody(text: string | undefined): { call?: unknown; token?: unknown; form?: unknown } | undefined {
  try {
    const body: unknown = JSON.parse(text ?? '');
    return body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
