import { describe, expect, it } from 'vitest';
import { shippedHolidayEntries, WorkCalendar } from '../../../src/core/calendar/calendar';
import { dayAtOffset, formatDay, parseIsoDay } from '../../../src/core/calendar/day';
import { cnNumber, type Deadline, type DeadlineContext, parseDeadline } from '../../../src/core/calendar/deadline';

const d = (iso: string): number => {
  const day = parseIsoDay(iso);
  if (day === undefined) throw new Error(`bad test date ${iso}`);
  return day;
};
const calendar = new WorkCalendar(shippedHolidayEntries());
const TODAY = '2026-11-25';

/** `anchor`: the day the row was first seen, from which a deadline without a year is read. */
function ctx(issue?: string, anchor = TODAY): DeadlineContext {
  return {
    issueDay: issue === undefined ? undefined : d(issue),
    anchor: d(anchor),
    calendar,
    toDay: (date) => dayAtOffset(date, 480),
  };
}

/** The deadline as a person would read it back: a date and the form, or the kind and reason. */
function read(raw: unknown, issue?: string, anchor?: string): string {
  const result: Deadline = parseDeadline(raw, ctx(issue, anchor));
  switch (result.kind) {
    case 'date':
      return `${formatDay(result.day)} ${result.form}`;
    case 'none':
      return `none`;
    case 'invalid':
      return `invalid ${result.reason}`;
  }
}

describe('full dates', () => {
  it.each([
    '2024-07-31',
    '2024-7-31',
    '2024/7/31',
    '2024/07/31',
    '2024.7.31',
    '2024年7月31日',
    '2024年7月31号',
    '2024年7月31',
    '20240731',
    '２０２４年７月３１日',
    '２０２４／７／３１',
    ' 2024 年 7 月 31 日 ',
    '2024年7月31日前',
    '2024年7月31日之前',
    '于2024年7月31日前完成',
    '2024年7月31日。',
    '2024-07-31 00:00:00',
    '2024/7/31 0:00',
  ])('reads %s as 2024-07-31', (text) => {
    expect(read(text, '2024-07-01')).toBe('2024-07-31 ymd');
  });

  it('reads a date cell through the spreadsheet time zone', () => {
    expect(read(new Date('2026-07-31T00:00:00+08:00'), '2026-07-01')).toBe('2026-07-31 date-value');
  });

  it('reads a yyyymmdd number typed into a plain cell', () => {
    expect(read(20260731)).toBe('2026-07-31 ymd');
    expect(read(20260231)).toBe('invalid impossible-date');
  });

  it('does not guess what a bare date serial means', () => {
    expect(read(46234)).toBe('invalid date-serial');
    expect(read(3)).toBe('invalid unrecognised');
  });

  it.each(['2026-02-30', '2026年2月30日', '2025-02-29', '2026/13/1', '2026年4月31日', '20260230'])(
    'rejects the impossible date %s instead of rolling it over',
    (text) => {
      expect(read(text)).toBe('invalid impossible-date');
    },
  );

  it('accepts 29 February in a leap year', () => {
    expect(read('2028-02-29')).toBe('2028-02-29 ymd');
  });

  it('flags a year that is surely a typo', () => {
    expect(read('1024-07-31')).toBe('invalid implausible-year');
    expect(read('2924年7月31日')).toBe('invalid implausible-year');
  });
});

describe('month and day without a year', () => {
  it('takes the year of the issue date', () => {
    expect(read('7月31日', '2026-07-15')).toBe('2026-07-31 month-day');
    expect(read('7月31号', '2026-07-15')).toBe('2026-07-31 month-day');
    expect(read('７月３１日', '2026-07-15')).toBe('2026-07-31 month-day');
    expect(read('七月三十一日', '2026-07-15')).toBe('2026-07-31 month-day');
  });

  it('moves to the next year when the day has passed by the issue date: 1月10日 issued 2026-12-20', () => {
    expect(read('1月10日', '2026-12-20')).toBe('2027-01-10 month-day');
    expect(read('1月底前', '2026-12-20')).toBe('2027-01-31 month-end');
    expect(read('2月上旬', '2026-12-20')).toBe('2027-02-10 xun');
  });

  it('keeps the issue year for a day shortly before the issue date, so a late task shows as overdue', () => {
    expect(read('7月10日', '2026-07-15')).toBe('2026-07-10 month-day');
    expect(read('7月上旬', '2026-07-15')).toBe('2026-07-10 xun');
  });

  it('uses the year of the day the row was first seen when there is no issue date', () => {
    expect(read('1月10日', undefined, '2026-11-25')).toBe('2026-01-10 month-day');
    expect(read('12月20日')).toBe('2026-12-20 month-day');
  });

  it('rejects impossible month-days', () => {
    expect(read('2月30日', '2026-01-05')).toBe('invalid impossible-date');
    expect(read('13月1日', '2026-01-05')).toBe('invalid impossible-date');
    expect(read('2月29日', '2026-01-05')).toBe('invalid impossible-date');
    expect(read('2月29日', '2027-12-01')).toBe('2028-02-29 month-day');
  });

  it('asks for 7月31日 rather than reading 7/31, which some read day-first', () => {
    expect(read('7/31', '2026-07-01')).toBe('invalid ambiguous-date');
    expect(read('7-31', '2026-07-01')).toBe('invalid ambiguous-date');
  });
});

describe('parts of a month', () => {
  it.each(['7月底前', '7月底', '7月末', '7月内', '7月份底', '七月底前'])('reads %s as the last day of July', (text) => {
    expect(read(text, '2026-07-01')).toBe('2026-07-31 month-end');
  });

  it('knows how long February is', () => {
    expect(read('2月底前', '2027-01-05')).toBe('2027-02-28 month-end');
    expect(read('2028年2月底前', '2027-01-05')).toBe('2028-02-29 month-end');
  });

  it.each([
    ['6月30日前', '2026-06-30 month-day'],
    ['6月30日之前', '2026-06-30 month-day'],
    ['6月30日以前', '2026-06-30 month-day'],
  ])('reads %s as the day named', (text, expected) => {
    expect(read(text, '2026-05-10')).toBe(expected);
  });

  it('reads 上旬, 中旬 and 下旬 as the 10th, the 20th and the last day', () => {
    expect(read('7月上旬', '2026-07-01')).toBe('2026-07-10 xun');
    expect(read('7月中旬', '2026-07-01')).toBe('2026-07-20 xun');
    expect(read('7月下旬', '2026-07-01')).toBe('2026-07-31 xun');
    expect(read('9月下旬', '2026-07-01')).toBe('2026-09-30 xun');
    expect(read('2027年3月中旬')).toBe('2027-03-20 xun');
  });

  it('reads 年底前 as 31 December of the issue year, or of the year the row was first seen', () => {
    for (const text of ['年底前', '年内', '年底', '今年年底前', '本年度内']) {
      expect(read(text, '2025-03-01')).toBe('2025-12-31 year-end');
      expect(read(text)).toBe('2026-12-31 year-end');
    }
    expect(read('2027年底前')).toBe('2027-12-31 year-end');
  });
});

describe('immediate and ongoing', () => {
  it.each(['立即整改', '立行立改', '即知即改'])(
    'reads %s as due on the issue day, or on the day the row was first seen without one',
    (text) => {
      expect(read(text, '2026-07-15')).toBe('2026-07-15 immediate');
      expect(read(text)).toBe(`${TODAY} immediate`);
    },
  );

  it.each(['长期坚持', '持续推进', '常态化', '长期', '持续', ' 长期坚持 '])('reads %s as having no deadline', (text) => {
    expect(parseDeadline(text, ctx('2026-07-15'))).toEqual({ kind: 'none', text });
  });
});

describe('counted from the issue date', () => {
  it.each(['3个工作日内', '3个工作日', '三个工作日内', '3工作日内', '３个工作日内'])(
    'counts %s in working days across National Day 2024',
    (text) => {
      expect(read(text, '2024-09-27')).toBe('2024-10-08 working-days');
    },
  );

  it('counts the make-up Saturday after National Day 2026', () => {
    expect(read('3个工作日内', '2026-09-30')).toBe('2026-10-10 working-days');
  });

  it('skips Spring Festival 2026 and counts its make-up Saturday', () => {
    expect(read('五个工作日内', '2026-02-12')).toBe('2026-02-26 working-days');
  });

  it('reads the Chinese numerals offices use', () => {
    expect(read('十个工作日内', '2026-03-02')).toBe('2026-03-16 working-days');
    expect(read('十五个工作日内', '2026-03-02')).toBe('2026-03-23 working-days');
    expect(read('二十个工作日内', '2026-03-02')).toBe('2026-03-30 working-days');
    expect(read('三十个工作日内', '2026-03-02')).toBe('2026-04-14 working-days');
    expect(read('两个工作日内', '2026-03-02')).toBe('2026-03-04 working-days');
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 15, 20, 30, 21].map((n) => n)).toEqual(
      ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十五', '二十', '三十', '二十一'].map(cnNumber),
    );
    expect(cnNumber('十十')).toBeUndefined();
  });

  it('counts relative deadlines without an issue date from the day the row was first seen, as 即知即改 (issue 13, case 10)', () => {
    // First seen Monday 2 March 2026.
    const cases: [string, string][] = [
      ['3个工作日内', '2026-03-05 working-days'],
      ['15日内', '2026-03-17 calendar-days'],
      ['15天内', '2026-03-17 calendar-days'],
      ['本周内', '2026-03-08 this-week'],
      ['本月底前', '2026-03-31 this-month'],
      ['3个月内', '2026-06-02 months'],
      ['立即整改', '2026-03-02 immediate'],
      ['即知即改', '2026-03-02 immediate'],
    ];
    for (const [text, want] of cases) expect(read(text, undefined, '2026-03-02'), text).toBe(want);
    for (const [text] of cases) {
      expect(parseDeadline(text, ctx(undefined, '2026-03-02')), text).toMatchObject({ fromFirstSeen: true });
      expect(parseDeadline(text, ctx('2026-03-02')), text).not.toHaveProperty('fromFirstSeen');
    }
    expect(parseDeadline('12月15日', ctx(undefined, '2026-03-02'))).not.toHaveProperty('fromFirstSeen');
  });

  it('rejects a count of zero', () => {
    expect(read('0个工作日内', '2026-03-02')).toBe('invalid bad-count');
  });

  it.each(['15日内', '15天内', '十五天内', '15天', '15个自然日内'])('counts %s in calendar days, holidays included', (text) => {
    expect(read(text, '2026-09-28')).toBe('2026-10-13 calendar-days');
  });

  it('does not read a bare 15日 as a count of days', () => {
    expect(read('15日', '2026-09-28')).toBe('invalid unrecognised');
  });

  it('reads 本周内 as the Sunday ending the issue week', () => {
    expect(read('本周内', '2026-07-15')).toBe('2026-07-19 this-week');
    expect(read('本周内', '2026-07-19')).toBe('2026-07-19 this-week');
    expect(read('本周', '2026-07-13')).toBe('2026-07-19 this-week');
    expect(read('下周内', '2026-07-15')).toBe('2026-07-26 next-week');
  });

  it('reads 本月底前 as the end of the issue month', () => {
    expect(read('本月底前', '2026-07-15')).toBe('2026-07-31 this-month');
    expect(read('本月内', '2026-02-03')).toBe('2026-02-28 this-month');
    expect(read('下月底前', '2026-12-03')).toBe('2027-01-31 next-month');
  });

  it('reads 3个月内 as the same date three months on, or the month end when it has none', () => {
    expect(read('3个月内', '2026-07-15')).toBe('2026-10-15 months');
    expect(read('三个月内', '2026-11-30')).toBe('2027-02-28 months');
  });
});

describe('anything else', () => {
  it('keeps the text exactly as typed and says why', () => {
    expect(parseDeadline(' 尽快 ', ctx('2026-07-15'))).toEqual({ kind: 'invalid', text: ' 尽快 ', reason: 'unrecognised' });
    expect(parseDeadline('ASAP', ctx())).toEqual({ kind: 'invalid', text: 'ASAP', reason: 'unrecognised' });
    expect(parseDeadline('', ctx())).toEqual({ kind: 'invalid', text: '', reason: 'blank' });
    expect(parseDeadline(null, ctx())).toEqual({ kind: 'invalid', text: '', reason: 'blank' });
    expect(parseDeadline(true, ctx())).toEqual({ kind: 'invalid', text: 'true', reason: 'unrecognised' });
    expect(parseDeadline(new Date(Number.NaN), ctx())).toMatchObject({ kind: 'invalid', reason: 'unrecognised' });
  });
});
