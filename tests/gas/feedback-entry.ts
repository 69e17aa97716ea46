/**
 * A test entry bundled beside the real dist/Code.js (tests/gas/feedback.test.ts): acceptReply
 * (src/gas/feedback.ts) as the web app's webappSubmitReply will call it, with a store that keeps
 * no file and gives each photo a link, so the reply is tested on the local runtime before the
 * router and Drive land.
 */
import type { PhotoUpload, ReplyInput } from '../../src/core/webapp/forms';
import { acceptReply } from '../../src/gas/feedback';

/** Photos stored: how many times the store was called, by key (a refused reply stores none). */
const stored: string[] = [];

export function submitReply(unit: string, reply: ReplyInput): string {
  const store = (key: string, kind: 'after' | 'before', photos: PhotoUpload[]): string[] => {
    stored.push(key);
    return photos.map((_, i) => `https://drive.example/${key}/${kind}-${i + 1}.jpg`);
  };
  const out = acceptReply(SpreadsheetApp.getActiveSpreadsheet(), unit, reply, new Date(), store);
  return JSON.stringify({ ...out, stored: [...stored] });
}
