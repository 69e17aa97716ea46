/**
 * What a unit's reply page submits (issue 16, 全程跟进): one matter at a time, with photos. The
 * names are the plan's (PLAN16.md: ReplyInput, PhotoUpload in src/core/webapp/forms.ts); kept
 * here by the feedback part until the forms part lands, when the lead makes forms.ts their one home.
 */

/** A photo as the page sends it: compressed on the phone, base64 without the data: prefix. */
export interface PhotoUpload {
  name: string;
  mimeType: string;
  base64: string;
}

/** One matter's reply: 整改措施, 完成日期 (YYYY-MM-DD), 责任人, and the photos after (and before) the fix. */
export interface ReplyInput {
  key: string;
  measures: string;
  doneDate: string;
  person: string;
  photosAfter: PhotoUpload[];
  photosBefore: PhotoUpload[];
}
