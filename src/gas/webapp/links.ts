/**
 * The web app's links at the edge: the secret (script properties `duban.webapp.secret`, made by
 * setup, never in the sheet), signing with Utilities' HMAC-SHA256, each unit's generation (bumped
 * by 重置单位链接 to revoke every link it was sent), and the check every request makes: signature,
 * expiry, generation, and for an inspector that 督查员 still lists them as 启用.
 */
import { findInspector, type Inspector, parseInspectors } from '../../core/webapp/inspectors';
import { encodeLink, type LinkClaims, type LinkRole, readLink } from '../../core/webapp/token';
import { openWorkbook } from '../workbook';
import { webappUrl } from './url';

export { webappUrl };

export const SECRET_PROPERTY = 'duban.webapp.secret';
const GENERATION_PREFIX = 'duban.webapp.generation.';

/** How long a link works: a unit's rides on its notices (a new one with every notice); an inspector's is kept on the phone. */
export const UNIT_LINK_DAYS = 60;
export const INSPECTOR_LINK_DAYS = 180;
const DAY_MS = 86_400_000;

export type LinkCheck =
  | { ok: true; claims: LinkClaims }
  | { ok: false; reason: 'malformed' | 'signature' | 'expired' | 'revoked'; expires?: number };

/** Makes the secret when there is none (setup; a first request). Returns whether it was made. */
export function ensureSecret(): boolean {
  const props = PropertiesService.getScriptProperties();
  if (props.getProperty(SECRET_PROPERTY)) return false;
  // Two random UUIDs: 244 random bits, more than HMAC-SHA256 needs.
  props.setProperty(SECRET_PROPERTY, (Utilities.getUuid() + Utilities.getUuid()).replace(/-/g, ''));
  return true;
}

function secret(): string {
  ensureSecret();
  return PropertiesService.getScriptProperties().getProperty(SECRET_PROPERTY)!;
}

/** HMAC-SHA256 of the payload under the key, base64url without padding. */
function signerWith(key: string): (payload: string) => string {
  return (payload) => Utilities.base64EncodeWebSafe(Utilities.computeHmacSha256Signature(payload, key)).replace(/=+$/, '');
}

function signer(): (payload: string) => string {
  return signerWith(secret());
}

function generationKey(role: LinkRole, subject: string): string {
  return `${GENERATION_PREFIX}${role}:${role === 'inspector' ? subject.toLowerCase() : subject}`;
}

export function currentGeneration(role: LinkRole, subject: string): number {
  return Number(PropertiesService.getScriptProperties().getProperty(generationKey(role, subject)) ?? 0) || 0;
}

/** What making links needs, read once: the address, the signer, and every generation (one read of script properties). */
interface LinkMaker {
  url: string;
  sign: (payload: string) => string;
  generation: (role: LinkRole, subject: string) => number;
}

/** None when the web app has no address (not deployed, 设置 网页地址 empty). */
function linkMaker(): LinkMaker | undefined {
  const url = webappUrl();
  if (!url) return undefined;
  ensureSecret();
  const props = PropertiesService.getScriptProperties().getProperties();
  return {
    url,
    sign: signerWith(props[SECRET_PROPERTY]!),
    generation: (role, subject) => Number(props[generationKey(role, subject)] ?? 0) || 0,
  };
}

function requiredMaker(): LinkMaker {
  const maker = linkMaker();
  if (!maker) throw new Error('webappUrl: the web app is not deployed (ScriptApp.getService().getUrl() is null)');
  return maker;
}

function link(maker: LinkMaker, role: LinkRole, subject: string, now: Date, days: number): string {
  const claims = { role, subject, generation: maker.generation(role, subject), expires: now.getTime() + days * DAY_MS };
  return `${maker.url}?t=${encodeLink(claims, maker.sign)}`;
}

/** A unit's link to its reply page (call only when webappUrl() is known). */
export function unitLink(unit: string, now: Date): string {
  return link(requiredMaker(), 'unit', unit, now, UNIT_LINK_DAYS);
}

/** An inspector's link to the 当场下单 page (call only when webappUrl() is known). */
export function inspectorLink(email: string, now: Date): string {
  return link(requiredMaker(), 'inspector', email.trim(), now, INSPECTOR_LINK_DAYS);
}

/** 重置单位链接: every link the unit was sent stops working; returns the new generation. */
export function resetUnitLink(unit: string): number {
  const next = currentGeneration('unit', unit) + 1;
  PropertiesService.getScriptProperties().setProperty(generationKey('unit', unit), String(next));
  return next;
}

/** The inspectors listed in Duban's 督查员 (none when there is no such sheet; an office sheet of that name with another header is not it). */
export function readInspectors(now: Date = new Date()): Inspector[] {
  const found = openWorkbook(now).sheetFor('inspectors');
  return found?.ours ? parseInspectors(found.values) : [];
}

/** What a request's token is worth: its claims, or why it is refused. */
export function checkLink(token: unknown, now: Date): LinkCheck {
  if (typeof token !== 'string') return { ok: false, reason: 'malformed' };
  const read = readLink(token, signer(), now.getTime());
  if (!read.ok) return read;
  const { claims } = read;
  if (claims.generation < currentGeneration(claims.role, claims.subject)) return { ok: false, reason: 'revoked' };
  if (claims.role === 'inspector' && !findInspector(readInspectors(), claims.subject)?.enabled) return { ok: false, reason: 'revoked' };
  return read;
}

/** What a notice passes to core for its 在线报送整改情况 line: a unit's link maker, or none when the web app is not deployed. */
export function noticeLinks(now: Date): { webappLink?: (unit: string) => string } {
  // One maker for all the day's notices: the address, the secret and the generations read once, not per link.
  const maker = linkMaker();
  return maker ? { webappLink: (unit: string) => link(maker, 'unit', unit, now, UNIT_LINK_DAYS) } : {};
}
