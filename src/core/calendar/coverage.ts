/**
 * Which years' holiday arrangements (放假安排) the calendar must hold today. The State Council
 * publishes the next year's each November or December, so from December the office is told
 * when the next year is still missing, before its first working-day count goes wrong.
 */
import { type Day, ymdFromDay } from './day';

/** The years whose holidays matter today: this one, and from December the next one too. */
export function yearsToCover(today: Day): number[] {
  const { year, month } = ymdFromDay(today);
  return month === 12 ? [year, year + 1] : [year];
}
