/**
 * The statutory holidays of 《全国年节及纪念日放假办法》, for a year whose arrangement is not
 * known yet (neither shipped in holidays-cn.ts nor typed into the office's 节假日 sheet).
 *
 * Without them, 1 January of a year nobody has entered counts as a working day. The State
 * Council's yearly notice adds 调休 (weekend days worked, weekdays off) that cannot be
 * foreseen, but the holidays themselves are fixed by law. Article 2 as revised by the State
 * Council on 2024-11-10 (国务院令第795号, in force from 2025-01-01):
 *   元旦 1天 (1月1日); 春节 4天 (农历除夕、正月初一至初三); 清明节 1天 (农历清明当日);
 *   劳动节 2天 (5月1日、2日); 端午节 1天 (农历端午当日); 中秋节 1天 (农历中秋当日);
 *   国庆节 3天 (10月1日至3日).
 * Before 2025 (the 2013 text) 劳动节 was 1 day and 春节 did not include 除夕.
 *
 * Left out on purpose: the 补假 (a weekday off when a holiday falls on a weekend) and every
 * 调休, since only the yearly notice says which days they are; weekends stay weekends.
 */
import { type Day, dayFromYmd } from './day';

export interface StatutoryHoliday {
  day: Day;
  name: string;
}

/**
 * The lunar holidays' Gregorian dates (China Standard Time), where two independent sources
 * agree: the Chinese lunisolar tables of the vacanza/holidays library
 * (holidays/calendars/chinese.py: LUNAR_NEW_YEAR_DATES, DRAGON_BOAT_DATES, MID_AUTUMN_DATES)
 * and lunar-javascript 1.7.7 (6tail, computed astronomically; 清明 from its solar-term table).
 * 2024-2026 are shipped and never counted provisionally; they are here so the tests can check
 * this rule against the State Council's notices. Years past the table get the fixed-date
 * holidays only, until someone adds a year here with the same care.
 */
const LUNAR: Record<number, { springFestival: string; qingming: string; dragonBoat: string; midAutumn: string }> = {
  2024: { springFestival: '02-10', qingming: '04-04', dragonBoat: '06-10', midAutumn: '09-17' },
  2025: { springFestival: '01-29', qingming: '04-04', dragonBoat: '05-31', midAutumn: '10-06' },
  2026: { springFestival: '02-17', qingming: '04-05', dragonBoat: '06-19', midAutumn: '09-25' },
  2027: { springFestival: '02-06', qingming: '04-05', dragonBoat: '06-09', midAutumn: '09-15' },
  2028: { springFestival: '01-26', qingming: '04-04', dragonBoat: '05-28', midAutumn: '10-03' },
  2029: { springFestival: '02-13', qingming: '04-04', dragonBoat: '06-16', midAutumn: '09-22' },
  2030: { springFestival: '02-03', qingming: '04-05', dragonBoat: '06-05', midAutumn: '09-12' },
};

/** The year from which the 2024 revision applies. */
const REVISION_2024 = 2025;

function on(year: number, monthDay: string): Day {
  const [month, date] = monthDay.split('-').map(Number);
  return dayFromYmd(year, month, date);
}

/** The statutory holidays of a year, by law alone (no 调休, no 补假). */
export function statutoryHolidays(year: number): StatutoryHoliday[] {
  const out: StatutoryHoliday[] = [{ day: dayFromYmd(year, 1, 1), name: '元旦' }];
  const lunar = LUNAR[year];
  if (lunar) {
    const newYear = on(year, lunar.springFestival);
    // 除夕 is the day before 正月初一, whether the twelfth month has 29 days or 30.
    const first = year >= REVISION_2024 ? newYear - 1 : newYear;
    for (let day = first; day <= newYear + 2; day++) out.push({ day, name: '春节' });
    out.push({ day: on(year, lunar.qingming), name: '清明节' });
  }
  out.push({ day: dayFromYmd(year, 5, 1), name: '劳动节' });
  if (year >= REVISION_2024) out.push({ day: dayFromYmd(year, 5, 2), name: '劳动节' });
  if (lunar) out.push({ day: on(year, lunar.dragonBoat), name: '端午节' });
  if (lunar) out.push({ day: on(year, lunar.midAutumn), name: '中秋节' });
  for (let date = 1; date <= 3; date++) out.push({ day: dayFromYmd(year, 10, date), name: '国庆节' });
  return out.sort((a, b) => a.day - b.day);
}
