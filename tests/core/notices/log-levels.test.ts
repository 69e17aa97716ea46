import { describe, expect, it } from 'vitest';
import { isLadderEntry, isNoticeEntry, type LogLevel } from '../../../src/core/notices/log';

const levels: LogLevel[] = ['reminder', 'notice', 'criticism', 'interview', 'summary', 'publication', 'reopen'];

describe('what a 督办记录 row is', () => {
  it('counts reminders and the three ladder levels as notices, never the summary, a report mail or a relapse', () => {
    expect(levels.filter((level) => isNoticeEntry({ level }))).toEqual(['reminder', 'notice', 'criticism', 'interview']);
  });

  it('puts only 督办, 通报批评 and 约谈 on the ladder: a reminder does not move it', () => {
    expect(levels.filter((level) => isLadderEntry({ level }))).toEqual(['notice', 'criticism', 'interview']);
  });
});
