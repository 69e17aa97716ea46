/**
 * What the web app's two forms may carry, checked on the server (the page is never trusted: a
 * person can send anything to the URL). A unit's reply (整改反馈: 整改措施, 完成日期, 责任人,
 * photos after and before the fix) and an inspector's order (当场下单: 责任单位, 问题描述, 点位,
 * the phone's position, 问题类别, 整改时限, photos). Every text is trimmed, stripped of control
 * characters and length-limited; a photo is kept only if its bytes are a JPEG or a PNG and it is
 * under the size limit (the phone compresses before upload, so a real photo is far below it).
 * Each problem says which field and why, in the office's words.
 */
import type { MessageKey, Translate } from '../i18n';
import { base64UrlDecode } from './token';

export interface PhotoUpload {
  name: string;
  /** image/jpeg or image/png: what the bytes are (not what the page said). */
  mimeType: string;
  /** The bytes in standard base64, no data: prefix. */
  base64: string;
}

export interface ReplyInput {
  /** The matter's key (督办编号) in Duban's key column. */
  key: string;
  /** 整改措施 */
  measures: string;
  /** 完成日期, YYYY-MM-DD */
  doneDate: string;
  /** 责任人 */
  person: string;
  photosAfter: PhotoUpload[];
  photosBefore: PhotoUpload[];
}

export interface OrderInput {
  /** 责任单位, as the directory names it (the edge checks it is there). */
  unit: string;
  /** 问题描述 */
  description: string;
  /** 点位 */
  place: string;
  /** The phone's position when the inspector allowed it: both or neither. */
  lat?: number;
  lng?: number;
  /** 问题类别, when the ledger has the column. */
  category?: string;
  /** 整改时限 as typed or chosen (e.g. 3个工作日内, 即知即改). */
  deadlineText: string;
  photos: PhotoUpload[];
}

export const FORM_LIMITS = {
  key: 40,
  measures: 2000,
  person: 50,
  unit: 100,
  description: 1000,
  place: 200,
  category: 50,
  deadlineText: 50,
  photoName: 120,
  /** Photos per field. */
  photos: 6,
  /** Bytes per photo, after the phone's compression. */
  photoBytes: 5 * 1024 * 1024,
} as const;

export type ReplyField = keyof ReplyInput;
export type OrderField = Exclude<keyof OrderInput, 'lat' | 'lng'> | 'location';

export interface FormProblem {
  field: ReplyField | OrderField;
  message: string;
}

export type FormReading<T> = { ok: true; value: T } | { ok: false; problems: FormProblem[]; message: string };

const FIELD_LABEL: Record<ReplyField | OrderField, MessageKey> = {
  key: 'webapp.field.key',
  measures: 'webapp.field.measures',
  doneDate: 'webapp.field.doneDate',
  person: 'webapp.field.person',
  photosAfter: 'webapp.field.photosAfter',
  photosBefore: 'webapp.field.photosBefore',
  unit: 'webapp.field.unit',
  description: 'webapp.field.description',
  place: 'webapp.field.place',
  location: 'webapp.field.location',
  category: 'webapp.field.category',
  deadlineText: 'webapp.field.deadlineText',
  photos: 'webapp.field.photos',
};

/** Collects the problems of one form as its fields are read. */
class FormReader {
  readonly problems: FormProblem[] = [];
  constructor(
    private readonly raw: Record<string, unknown>,
    private readonly t: Translate,
  ) {}

  problem(field: ReplyField | OrderField, key: MessageKey, params: Record<string, string | number> = {}): void {
    this.problems.push({ field, message: this.t(key, { field: this.t(FIELD_LABEL[field]), ...params }) });
  }

  /** A text field: trimmed, control characters gone (a line break kept where `lines`), within its limit. */
  text(field: ReplyField | OrderField, max: number, required: boolean, lines = false): string {
    const value = this.raw[field];
    if (value !== undefined && value !== null && typeof value !== 'string') {
      this.problem(field, 'webapp.form.notText');
      return '';
    }
    const text = cleanText(value ?? '', lines);
    const count = [...text].length;
    if (required && text === '') this.problem(field, 'webapp.field.required');
    else if (count > max) this.problem(field, 'webapp.field.tooLong', { max, count });
    return text;
  }

  photos(field: ReplyField | OrderField, required: boolean): PhotoUpload[] {
    const value = this.raw[field] ?? [];
    if (!Array.isArray(value)) {
      this.problem(field, 'webapp.form.notText');
      return [];
    }
    if (required && value.length === 0) this.problem(field, 'webapp.photo.required');
    if (value.length > FORM_LIMITS.photos) {
      this.problem(field, 'webapp.photo.tooMany', { max: FORM_LIMITS.photos, count: value.length });
      return [];
    }
    const kept: PhotoUpload[] = [];
    for (const item of value as unknown[]) {
      const photo = this.photo(field, item);
      if (photo) kept.push(photo);
    }
    return kept;
  }

  private photo(field: ReplyField | OrderField, item: unknown): PhotoUpload | undefined {
    const o = (item !== null && typeof item === 'object' ? item : {}) as Record<string, unknown>;
    const name = cleanText(typeof o.name === 'string' ? o.name : '', false).slice(0, FORM_LIMITS.photoName) || 'photo';
    const base64 = typeof o.base64 === 'string' ? o.base64.replace(/^data:[\w/+.-]*;base64,/, '') : '';
    const mimeType = photoKind(base64);
    if (!mimeType) {
      this.problem(field, 'webapp.photo.type', { name });
      return undefined;
    }
    const bytes = decodedLength(base64);
    if (bytes > FORM_LIMITS.photoBytes) {
      const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
      this.problem(field, 'webapp.photo.tooBig', { name, size: mb(bytes), max: FORM_LIMITS.photoBytes / 1024 / 1024 });
      return undefined;
    }
    return { name, mimeType, base64 };
  }

  result<T>(value: T): FormReading<T> {
    if (this.problems.length === 0) return { ok: true, value };
    return { ok: false, problems: this.problems, message: this.problems.map((p) => p.message).join('\n') };
  }
}

function asRecord(raw: unknown): Record<string, unknown> | undefined {
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
}

function notAForm<T>(t: Translate): FormReading<T> {
  const message = t('webapp.form.bad');
  return { ok: false, problems: [{ field: 'key', message }], message };
}

/** A unit's reply to one matter (全程跟进). */
export function readReplyForm(raw: unknown, t: Translate): FormReading<ReplyInput> {
  const o = asRecord(raw);
  if (!o) return notAForm(t);
  const r = new FormReader(o, t);
  const key = r.text('key', FORM_LIMITS.key, true);
  const measures = r.text('measures', FORM_LIMITS.measures, true, true);
  const doneDate = r.text('doneDate', 10, true);
  if (doneDate !== '' && !isCalendarDate(doneDate)) r.problem('doneDate', 'webapp.field.badDate');
  const person = r.text('person', FORM_LIMITS.person, true);
  const photosAfter = r.photos('photosAfter', true);
  const photosBefore = r.photos('photosBefore', false);
  return r.result({ key, measures, doneDate, person, photosAfter, photosBefore });
}

/** An inspector's order filed on site (当场下单). */
export function readOrderForm(raw: unknown, t: Translate): FormReading<OrderInput> {
  const o = asRecord(raw);
  if (!o) return notAForm(t);
  const r = new FormReader(o, t);
  const unit = r.text('unit', FORM_LIMITS.unit, true);
  const description = r.text('description', FORM_LIMITS.description, true, true);
  const place = r.text('place', FORM_LIMITS.place, true);
  const position = readPosition(o.lat, o.lng);
  if (position === 'bad') r.problem('location', 'webapp.field.badLocation');
  const category = r.text('category', FORM_LIMITS.category, false);
  const deadlineText = r.text('deadlineText', FORM_LIMITS.deadlineText, true);
  const photos = r.photos('photos', false);
  return r.result({
    unit,
    description,
    place,
    ...(position && position !== 'bad' ? position : {}),
    ...(category !== '' ? { category } : {}),
    deadlineText,
    photos,
  });
}

function readPosition(lat: unknown, lng: unknown): { lat: number; lng: number } | 'bad' | undefined {
  const blank = (v: unknown) => v === undefined || v === null || v === '';
  if (blank(lat) && blank(lng)) return undefined;
  if (typeof lat !== 'number' || typeof lng !== 'number' || !Number.isFinite(lat) || !Number.isFinite(lng)) return 'bad';
  if (Math.abs(lat) > 90 || Math.abs(lng) > 180) return 'bad';
  return { lat, lng };
}

/** Trimmed; CR LF as LF; control characters removed (a line break and a tab kept in a multi-line field). */
export function cleanText(value: string, lines: boolean): string {
  const unified = value.replace(/\r\n?/g, '\n');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  const stripped = lines ? unified.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '') : unified.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return stripped.trim();
}

function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** What the bytes are, by their first bytes (JPEG FF D8 FF, PNG's 8-byte signature), if base64 at all. */
export function photoKind(base64: string): 'image/jpeg' | 'image/png' | undefined {
  if (base64.length < 12 || base64.length % 4 !== 0 || !BASE64.test(base64)) return undefined;
  const head = base64UrlDecode(base64.slice(0, 12));
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.every((b, i) => head[i] === b)) return 'image/png';
  return undefined;
}

/** How many bytes a base64 text decodes to. */
export function decodedLength(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return (base64.length / 4) * 3 - padding;
}

/** What google.script.run's server functions answer the page: a receipt, or why nothing was kept. */
export type SubmitResult = { ok: true; receipt: string; message: string } | { ok: false; message: string };
