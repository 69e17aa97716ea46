/**
 * PLACEHOLDER (issue 16, pages: the inspector's order): the reply part (branch i16-reply) owns
 * storePhotos; this minimal one has its signature so the order can keep its photos, and the lead
 * reconciles it with reply's at merge.
 *
 * Photos go to Drive: a folder 督办台账照片 under the root, a subfolder per matter (its key), each
 * file named `<key>_<现场|整改前|整改后>_<yyyy-MM-dd>_<n>.jpg`; returns the files' URLs.
 */
import type { PhotoUpload } from '../../core/webapp/forms';

const FOLDER = '督办台账照片';
const KIND_WORD = { before: '整改前', after: '整改后', site: '现场' } as const;

function folderIn(parent: GoogleAppsScript.Drive.Folder, name: string): GoogleAppsScript.Drive.Folder {
  const found = parent.getFoldersByName(name);
  return found.hasNext() ? found.next() : parent.createFolder(name);
}

export function storePhotos(key: string, kind: 'before' | 'after' | 'site', photos: PhotoUpload[], now: Date): string[] {
  if (photos.length === 0) return [];
  const folder = folderIn(folderIn(DriveApp.getRootFolder(), FOLDER), key);
  const day = Utilities.formatDate(now, Session.getScriptTimeZone(), 'yyyy-MM-dd');
  return photos.map((p, i) => {
    const extension = p.mimeType === 'image/png' ? 'png' : 'jpg';
    const blob = Utilities.newBlob(Utilities.base64Decode(p.base64), p.mimeType, `${key}_${KIND_WORD[kind]}_${day}_${i + 1}.${extension}`);
    return folder.createFile(blob).getUrl();
  });
}
