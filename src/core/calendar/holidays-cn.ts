/**
 * China's official holiday arrangements (放假调休), as published each year by the General
 * Office of the State Council in 《国务院办公厅关于XXXX年部分节假日安排的通知》.
 *
 * Every holiday day is listed, including the weekend days inside a holiday block, and every
 * 调休上班 day (a Saturday or Sunday worked to make up for the block). The 节假日 sheet is
 * seeded from this list and stays editable, so an office can correct or extend it.
 *
 * Sources (text checked against the notices as republished by Xinhua / 人民日报 / 光明网):
 * - 2024: 国办发明电〔2023〕7号, 2023-10-25. 除夕 (2月9日) was only "encouraged" as a day
 *   off, so it stays a working day here.
 * - 2025: 国办发明电〔2024〕12号, 2024-11-12 (first year with 除夕 and 5月2日 as holidays).
 * - 2026: notice of 2025-11-04 (https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm).
 * - 2027: no notice could be found when this list was written (2026-11-25). The office can
 *   type the arrangement into the 节假日 sheet when it is published; until then the
 *   calendar reports that it does not cover 2027 rather than guessing.
 *
 * 2024's 元旦 block began on the weekend of 2023-12-30; only the 2024 day is listed, since
 * the 2023 days were an ordinary weekend anyway.
 */
export interface ShippedHolidayEntry {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}

export interface ShippedHolidayYear {
  year: number;
  entries: ShippedHolidayEntry[];
}

export const CN_HOLIDAYS: ShippedHolidayYear[] = [
  {
    year: 2024,
    entries: [
      { date: '2024-01-01', kind: 'holiday', name: '元旦' },
      { date: '2024-02-04', kind: 'workday', name: '春节' },
      { date: '2024-02-10', kind: 'holiday', name: '春节' },
      { date: '2024-02-11', kind: 'holiday', name: '春节' },
      { date: '2024-02-12', kind: 'holiday', name: '春节' },
      { date: '2024-02-13', kind: 'holiday', name: '春节' },
      { date: '2024-02-14', kind: 'holiday', name: '春节' },
      { date: '2024-02-15', kind: 'holiday', name: '春节' },
      { date: '2024-02-16', kind: 'holiday', name: '春节' },
      { date: '2024-02-17', kind: 'holiday', name: '春节' },
      { date: '2024-02-18', kind: 'workday', name: '春节' },
      { date: '2024-04-04', kind: 'holiday', name: '清明节' },
      { date: '2024-04-05', kind: 'holiday', name: '清明节' },
      { date: '2024-04-06', kind: 'holiday', name: '清明节' },
      { date: '2024-04-07', kind: 'workday', name: '清明节' },
      { date: '2024-04-28', kind: 'workday', name: '劳动节' },
      { date: '2024-05-01', kind: 'holiday', name: '劳动节' },
      { date: '2024-05-02', kind: 'holiday', name: '劳动节' },
      { date: '2024-05-03', kind: 'holiday', name: '劳动节' },
      { date: '2024-05-04', kind: 'holiday', name: '劳动节' },
      { date: '2024-05-05', kind: 'holiday', name: '劳动节' },
      { date: '2024-05-11', kind: 'workday', name: '劳动节' },
      { date: '2024-06-08', kind: 'holiday', name: '端午节' },
      { date: '2024-06-09', kind: 'holiday', name: '端午节' },
      { date: '2024-06-10', kind: 'holiday', name: '端午节' },
      { date: '2024-09-14', kind: 'workday', name: '中秋节' },
      { date: '2024-09-15', kind: 'holiday', name: '中秋节' },
      { date: '2024-09-16', kind: 'holiday', name: '中秋节' },
      { date: '2024-09-17', kind: 'holiday', name: '中秋节' },
      { date: '2024-09-29', kind: 'workday', name: '国庆节' },
      { date: '2024-10-01', kind: 'holiday', name: '国庆节' },
      { date: '2024-10-02', kind: 'holiday', name: '国庆节' },
      { date: '2024-10-03', kind: 'holiday', name: '国庆节' },
      { date: '2024-10-04', kind: 'holiday', name: '国庆节' },
      { date: '2024-10-05', kind: 'holiday', name: '国庆节' },
      { date: '2024-10-06', kind: 'holiday', name: '国庆节' },
      { date: '2024-10-07', kind: 'holiday', name: '国庆节' },
      { date: '2024-10-12', kind: 'workday', name: '国庆节' },
    ],
  },
  {
    year: 2025,
    entries: [
      { date: '2025-01-01', kind: 'holiday', name: '元旦' },
      { date: '2025-01-26', kind: 'workday', name: '春节' },
      { date: '2025-01-28', kind: 'holiday', name: '春节' },
      { date: '2025-01-29', kind: 'holiday', name: '春节' },
      { date: '2025-01-30', kind: 'holiday', name: '春节' },
      { date: '2025-01-31', kind: 'holiday', name: '春节' },
      { date: '2025-02-01', kind: 'holiday', name: '春节' },
      { date: '2025-02-02', kind: 'holiday', name: '春节' },
      { date: '2025-02-03', kind: 'holiday', name: '春节' },
      { date: '2025-02-04', kind: 'holiday', name: '春节' },
      { date: '2025-02-08', kind: 'workday', name: '春节' },
      { date: '2025-04-04', kind: 'holiday', name: '清明节' },
      { date: '2025-04-05', kind: 'holiday', name: '清明节' },
      { date: '2025-04-06', kind: 'holiday', name: '清明节' },
      { date: '2025-04-27', kind: 'workday', name: '劳动节' },
      { date: '2025-05-01', kind: 'holiday', name: '劳动节' },
      { date: '2025-05-02', kind: 'holiday', name: '劳动节' },
      { date: '2025-05-03', kind: 'holiday', name: '劳动节' },
      { date: '2025-05-04', kind: 'holiday', name: '劳动节' },
      { date: '2025-05-05', kind: 'holiday', name: '劳动节' },
      { date: '2025-05-31', kind: 'holiday', name: '端午节' },
      { date: '2025-06-01', kind: 'holiday', name: '端午节' },
      { date: '2025-06-02', kind: 'holiday', name: '端午节' },
      { date: '2025-09-28', kind: 'workday', name: '国庆节、中秋节' },
      { date: '2025-10-01', kind: 'holiday', name: '国庆节、中秋节' },
      { date: '2025-10-02', kind: 'holiday', name: '国庆节、中秋节' },
      { date: '2025-10-03', kind: 'holiday', name: '国庆节、中秋节' },
      { date: '2025-10-04', kind: 'holiday', name: '国庆节、中秋节' },
      { date: '2025-10-05', kind: 'holiday', name: '国庆节、中秋节' },
      { date: '2025-10-06', kind: 'holiday', name: '国庆节、中秋节' },
      { date: '2025-10-07', kind: 'holiday', name: '国庆节、中秋节' },
      { date: '2025-10-08', kind: 'holiday', name: '国庆节、中秋节' },
      { date: '2025-10-11', kind: 'workday', name: '国庆节、中秋节' },
    ],
  },
  {
    year: 2026,
    entries: [
      { date: '2026-01-01', kind: 'holiday', name: '元旦' },
      { date: '2026-01-02', kind: 'holiday', name: '元旦' },
      { date: '2026-01-03', kind: 'holiday', name: '元旦' },
      { date: '2026-01-04', kind: 'workday', name: '元旦' },
      { date: '2026-02-14', kind: 'workday', name: '春节' },
      { date: '2026-02-15', kind: 'holiday', name: '春节' },
      { date: '2026-02-16', kind: 'holiday', name: '春节' },
      { date: '2026-02-17', kind: 'holiday', name: '春节' },
      { date: '2026-02-18', kind: 'holiday', name: '春节' },
      { date: '2026-02-19', kind: 'holiday', name: '春节' },
      { date: '2026-02-20', kind: 'holiday', name: '春节' },
      { date: '2026-02-21', kind: 'holiday', name: '春节' },
      { date: '2026-02-22', kind: 'holiday', name: '春节' },
      { date: '2026-02-23', kind: 'holiday', name: '春节' },
      { date: '2026-02-28', kind: 'workday', name: '春节' },
      { date: '2026-04-04', kind: 'holiday', name: '清明节' },
      { date: '2026-04-05', kind: 'holiday', name: '清明节' },
      { date: '2026-04-06', kind: 'holiday', name: '清明节' },
      { date: '2026-05-01', kind: 'holiday', name: '劳动节' },
      { date: '2026-05-02', kind: 'holiday', name: '劳动节' },
      { date: '2026-05-03', kind: 'holiday', name: '劳动节' },
      { date: '2026-05-04', kind: 'holiday', name: '劳动节' },
      { date: '2026-05-05', kind: 'holiday', name: '劳动节' },
      { date: '2026-05-09', kind: 'workday', name: '劳动节' },
      { date: '2026-06-19', kind: 'holiday', name: '端午节' },
      { date: '2026-06-20', kind: 'holiday', name: '端午节' },
      { date: '2026-06-21', kind: 'holiday', name: '端午节' },
      { date: '2026-09-20', kind: 'workday', name: '国庆节' },
      { date: '2026-09-25', kind: 'holiday', name: '中秋节' },
      { date: '2026-09-26', kind: 'holiday', name: '中秋节' },
      { date: '2026-09-27', kind: 'holiday', name: '中秋节' },
      { date: '2026-10-01', kind: 'holiday', name: '国庆节' },
      { date: '2026-10-02', kind: 'holiday', name: '国庆节' },
      { date: '2026-10-03', kind: 'holiday', name: '国庆节' },
      { date: '2026-10-04', kind: 'holiday', name: '国庆节' },
      { date: '2026-10-05', kind: 'holiday', name: '国庆节' },
      { date: '2026-10-06', kind: 'holiday', name: '国庆节' },
      { date: '2026-10-07', kind: 'holiday', name: '国庆节' },
      { date: '2026-10-10', kind: 'workday', name: '国庆节' },
    ],
  },
];
