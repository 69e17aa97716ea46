import { describe, expect, it } from 'vitest';
import { dayFromYmd } from '../../../src/core/calendar/day';
import { translator } from '../../../src/core/i18n';
import { isLadderEntry, isNoticeEntry, type LogLevel, logHeader, parseLog } from '../../../src/core/notices/log';

const levels: LogLevel[] = ['reminder', 'notice', 'criticism', 'interview', 'summary', 'publication', 'reopen', 'failed'];

describe('what a 督办记录 row is', () => {
  it('counts reminders and the three ladder levels as notices, never the summary, a report mail or a relapse', () => {
    expect(levels.filter((level) => isNoticeEntry({ level }))).toEqual(['reminder', 'notice', 'criticism', 'interview']);
  });

  it('puts only the 整改通知 on a task’s ladder: a reminder, the 通报, the 约谈通知 and a failure are not notices of it (issue 14)', () => {
    expect(levels.filter((level) => isLadderEntry({ level }))).toEqual(['notice']);
  });
});

describe('the 整改限期 column of 督办记录 (issue 14)', () => {
  const toDay = (d: Date): number => dayFromYmd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  const row = ['督办〔2026〕1号', new Date(Date.UTC(2026, 10, 25)), 'DB-0001', '市城管局', '督办', 1, new Date(Date.UTC(2026, 10, 20))];
  const rest = ['cgj@example.org', '联系人', '【督办】…', '已发送', ''];

  it('is the last column, headed 整改限期, and reads back as the notice’s 限期', () => {
    const header = logHeader(translator('zh-CN'));
    expect(header[header.length - 1]).toBe('整改限期');
    const [entry] = parseLog([header, [...row, ...rest, new Date(Date.UTC(2026, 11, 2))]], toDay);
    expect(entry?.replyBy).toBe(dayFromYmd(2026, 12, 2));
  });

  it('is not needed: a log written before it reads as it did, with no 限期', () => {
    const old = logHeader(translator('zh-CN')).slice(0, -1);
    const [entry] = parseLog([old, [...row, ...rest]], toDay);
    expect(entry).toMatchObject({ number: '督办〔2026〕1号', key: 'DB-0001', level: 'notice', outcome: 'sent' });
    expect(entry?.replyBy).toBeUndefined();
  });
});
