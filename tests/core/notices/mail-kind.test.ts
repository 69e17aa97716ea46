import { describe, expect, it } from 'vitest';
import { digestKind, MAIL_KINDS } from '../../../src/core/notices/mail-kind';
import type { NoticeLevel } from '../../../src/core/notices/types';

describe("a mail's kind (run.json mails[].kind)", () => {
  it('a digest of 临期提醒 only is a reminder; one whose highest level is 督办, 通报批评 or 约谈 is a notice', () => {
    const levels: NoticeLevel[] = ['reminder', 'notice', 'criticism', 'interview'];
    expect(levels.map(digestKind)).toEqual(['reminder', 'notice', 'notice', 'notice']);
  });

  it("names every kind of the contract, and the admin's failure mail (alert) beside the daily summary", () => {
    expect(MAIL_KINDS).toEqual([
      'notice',
      'reminder',
      'circular',
      'interview',
      'return',
      'summary',
      'report',
      'alert',
      'receipt',
      'inspectorLink',
    ]);
  });
});
