/**
 * Where a photo of a matter is kept (issue 16: reply): one subfolder per matter named by its key
 * (督办编号), and file names a person can sort and read without opening them:
 * DB-000123_整改后_2026-12-03_1.jpg (the key, what the photo shows, the day it came, its place).
 */

/** What a photo shows: before the fix (整改前), after it (整改后), or the site as the inspector found it (现场). */
export type PhotoKind = 'before' | 'after' | 'site';

/** Characters Drive accepts but a downloaded copy on Windows or a phone does not: replaced by _. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f\u007f]/g;

/** A key as a folder's or file's name part: never a path, never empty. */
export function safeNamePart(text: string): string {
  const clean = text.replace(UNSAFE, '_').trim();
  return clean === '' || /^\.+$/.test(clean) ? '_' : clean;
}

/** The file's name: key_kind_day_n.ext (n from 1, ext from the bytes' type). */
export function photoFileName(key: string, kindWord: string, day: string, index: number, mimeType: string): string {
  const ext = mimeType === 'image/png' ? 'png' : 'jpg';
  return `${safeNamePart(key)}_${safeNamePart(kindWord)}_${day}_${index}.${ext}`;
}

/** A Drive folder's id from what 设置's 照片文件夹 holds: a folder URL, a bare id, or undefined for a name. */
export function folderIdOf(text: string): string | undefined {
  const url = /\/folders\/([A-Za-z0-9_-]{10,})/.exec(text) ?? /[?&]id=([A-Za-z0-9_-]{10,})/.exec(text);
  if (url) return url[1];
  // Drive ids are long runs of letters, digits, - and _; a folder name with no space and 25+ such characters is taken as one.
  return /^[A-Za-z0-9_-]{25,}$/.test(text.trim()) ? text.trim() : undefined;
}
