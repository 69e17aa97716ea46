/**
 * The photos of 全程跟进 and 当场下单 in the office's Drive (issue 16: reply): a folder named in
 * 设置's 照片文件夹 (setup creates it; a first photo does too when setup has not run since), one
 * subfolder per matter named by its key, files named key_kind_day_n (DB-000123_整改后_2026-12-03_1.jpg).
 * The sheet keeps the files' links.
 *
 * Through the advanced Drive service (Drive API v3), not DriveApp: Google's reference lists only
 * the full drive scope for DriveApp's methods (Folder.createFile, DriveApp.createFolder, …), while
 * the Drive API works with drive.file, which reaches only the files and folders this script made.
 * The folder the office names must therefore be one setup (or this module) created.
 */
import type { MessageKey } from '../../core/i18n';
import type { PhotoUpload } from '../../core/webapp/forms';
import { folderIdOf, type PhotoKind, photoFileName, safeNamePart } from '../../core/webapp/photo-names';
import { openWorkbook } from '../workbook';

const FOLDER_MIME = 'application/vnd.google-apps.folder';

const KIND_WORD: Record<PhotoKind, MessageKey> = {
  before: 'photo.kind.before',
  after: 'photo.kind.after',
  site: 'photo.kind.site',
};

/** The little of Drive API v3 this module uses (Apps Script's `Drive` when the advanced service is on). */
interface DriveFile {
  id?: string;
  webViewLink?: string;
}
interface DriveFiles {
  list(query: { q: string; fields: string; spaces?: string }): { files?: DriveFile[] };
  create(
    resource: { name: string; mimeType?: string; parents?: string[] },
    media?: GoogleAppsScript.Base.Blob,
    args?: { fields: string },
  ): DriveFile;
  get(id: string, args?: { fields: string }): DriveFile & { mimeType?: string; trashed?: boolean };
}

function drive(): DriveFiles {
  if (typeof Drive === 'undefined' || !Drive)
    throw new Error('Drive: the advanced Drive service is not enabled for this script (appsscript.json, enabledAdvancedServices)');
  return Drive.Files as unknown as DriveFiles;
}

/** A Drive query's quoted string: backslash and quote escaped. */
function quoted(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The folder named `name` in `parent`, made when there is none. */
function folderIn(files: DriveFiles, parent: string, name: string): string {
  const q = `name = ${quoted(name)} and ${quoted(parent)} in parents and mimeType = '${FOLDER_MIME}' and trashed = false`;
  const found = files.list({ q, fields: 'files(id)', spaces: 'drive' }).files ?? [];
  if (found[0]?.id) return found[0].id;
  return files.create({ name, mimeType: FOLDER_MIME, parents: [parent] }, undefined, { fields: 'id' }).id!;
}

/** The office's photo folder: 照片文件夹 as an id or URL, or as a name in My Drive (made when missing). */
export function photoFolder(setting: string): { id: string; created: boolean } {
  const files = drive();
  const id = folderIdOf(setting);
  if (id) return { id: files.get(id, { fields: 'id' }).id ?? id, created: false };
  const q = `name = ${quoted(setting.trim())} and 'root' in parents and mimeType = '${FOLDER_MIME}' and trashed = false`;
  const found = files.list({ q, fields: 'files(id)', spaces: 'drive' }).files ?? [];
  if (found[0]?.id) return { id: found[0].id, created: false };
  const made = files.create({ name: setting.trim(), mimeType: FOLDER_MIME, parents: ['root'] }, undefined, { fields: 'id' });
  return { id: made.id!, created: true };
}

/** Drive refused the photos (or is off): the router says so plainly and tells the admin the detail. */
export class PhotoStoreError extends Error {}

/**
 * Keeps a matter's photos in its subfolder and returns their links, in order. `kind` says what
 * they show (整改前, 整改后, 现场); the day is today in the script's time zone. Throws
 * PhotoStoreError with Drive's own words when Drive refuses.
 */
export function storePhotos(key: string, kind: PhotoKind, photos: PhotoUpload[], now: Date): string[] {
  if (photos.length === 0) return [];
  try {
    return storeInDrive(key, kind, photos, now);
  } catch (err) {
    throw new PhotoStoreError(err instanceof Error ? err.message : String(err));
  }
}

function storeInDrive(key: string, kind: PhotoKind, photos: PhotoUpload[], now: Date): string[] {
  const wb = openWorkbook(now);
  const files = drive();
  const matter = folderIn(files, photoFolder(wb.settings.photoFolder).id, safeNamePart(key));
  const day = Utilities.formatDate(now, wb.clock.timeZone, 'yyyy-MM-dd');
  const word = wb.t(KIND_WORD[kind]);
  return photos.map((photo, i) => {
    const name = photoFileName(key, word, day, i + 1, photo.mimeType);
    const blob = Utilities.newBlob(Utilities.base64Decode(photo.base64), photo.mimeType, name);
    return files.create({ name, parents: [matter] }, blob, { fields: 'id,webViewLink' }).webViewLink ?? '';
  });
}

/**
 * Setup: the photo folder made when 照片文件夹 names none yet; the change line when it was made.
 * Drive unavailable (the advanced service off, no Drive locally) stops nothing: the first photo
 * makes the folder then, or says plainly why it cannot.
 */
export function ensurePhotoFolder(setting: string, say: (name: string) => string): string | undefined {
  try {
    return photoFolder(setting).created ? say(setting.trim()) : undefined;
  } catch (err) {
    console.warn(`setup: the photo folder "${setting}" could not be made now: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}
