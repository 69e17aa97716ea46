/**
 * The 设置 sheet: one setting per row, as 设置项 | 值 | 说明.
 *
 * People edit this sheet by hand, in whichever language it was set up in, so a key is
 * recognised by its label in any locale (or by its code name), and a bad value is reported
 * where it is and replaced by the default: a typo in a colour must never stop the sweep.
 */
import { allTexts, type Locale, type MessageKey, type Translate, translator } from '../i18n';
import { cellText, isEmail, normalizeHeader, toHalfWidth } from '../text/text';
import { normalizeWord, readYesNo } from '../text/vocabulary';

/** A fill colour as #rrggbb, or '' for no fill. */
export type Colour = string;

export interface Colors {
  overdue: Colour;
  dueSoon: Colour;
  closed: Colour;
  pending: Colour;
  invalid: Colour;
  noDeadline: Colour;
}

export interface Settings {
  locale: Locale;
  taskSheet: string;
  unitSheet: string;
  /** Tasks due within this many days are 临期; 0 turns it off. */
  dueSoonDays: number;
  countDays: 'working' | 'calendar';
  /** Status words the office counts as closed, on top of 已销号 (status.ts knows the rest). */
  closedStatuses: string[];
  colors: Colors;
  /** '' when none is set. */
  adminEmail: string;
  senderName: string;
  noticeIntervalDays: number;
  /** 通报批评 after this many notices (the campaign's rule: 2). */
  criticismAfterNotices: number;
  /** 约谈 after this many notices (the campaign's rule: 3). */
  interviewAfterNotices: number;
  /** Hour of the day (0-23) for the daily sweep trigger. */
  sendHour: number;
  /** 试运行: every mail goes to the admin only, with the intended recipients at its top; the log says test. */
  dryRun: boolean;
  /** 节假日照常发送: notices go out on weekends and holidays too (otherwise on the next working day). */
  sendOnNonWorkingDays: boolean;
  /** 督办文号前缀: the word before 〔year〕 in a notice number, as in 督办〔2026〕第12号. */
  noticePrefix: string;
}

/**
 * Default fills are the light tints of Google Sheets' own palette, so a person can pick the
 * same colour from the toolbar. 已销号 is light green rather than grey: offices read the row
 * colours as a traffic light (red overdue, yellow due soon, green done), and grey reads as
 * "deleted". Tasks not yet due and ongoing tasks (长期坚持) get no fill: they need no action,
 * and an unfilled row keeps the office's own formatting visible.
 */
export const DEFAULT_COLORS: Colors = {
  overdue: '#f4cccc',
  dueSoon: '#fff2cc',
  closed: '#d9ead3',
  pending: '#cfe2f3',
  invalid: '#fce5cd',
  noDeadline: '',
};

export function defaultSettings(locale: Locale = 'zh-CN'): Settings {
  const t = translator(locale);
  return {
    locale,
    taskSheet: t('sheet.tasks'),
    unitSheet: t('sheet.units'),
    dueSoonDays: 3,
    countDays: 'working',
    closedStatuses: [t('state.closed')],
    colors: { ...DEFAULT_COLORS },
    adminEmail: '',
    senderName: t('menu.title'),
    noticeIntervalDays: 7,
    criticismAfterNotices: 2,
    interviewAfterNotices: 3,
    sendHour: 8,
    dryRun: false,
    sendOnNonWorkingDays: false,
    noticePrefix: t('notice.prefix'),
  };
}

export const DEFAULT_SETTINGS: Settings = defaultSettings('zh-CN');

export type SettingKey =
  | 'locale'
  | 'taskSheet'
  | 'unitSheet'
  | 'dueSoonDays'
  | 'countDays'
  | 'closedStatuses'
  | 'colorOverdue'
  | 'colorDueSoon'
  | 'colorClosed'
  | 'colorPending'
  | 'colorInvalid'
  | 'colorNoDeadline'
  | 'adminEmail'
  | 'senderName'
  | 'noticeIntervalDays'
  | 'criticismAfterNotices'
  | 'interviewAfterNotices'
  | 'sendHour'
  | 'dryRun'
  | 'sendOnNonWorkingDays'
  | 'noticePrefix';

type Kind =
  | { type: 'locale' }
  | { type: 'text' }
  | { type: 'int'; min: number; max?: number }
  | { type: 'countDays' }
  | { type: 'list' }
  | { type: 'color'; color: keyof Colors }
  | { type: 'email' }
  | { type: 'bool' };

/** In the order setup writes them. */
const SPECS: { key: SettingKey; kind: Kind }[] = [
  { key: 'locale', kind: { type: 'locale' } },
  { key: 'taskSheet', kind: { type: 'text' } },
  { key: 'unitSheet', kind: { type: 'text' } },
  { key: 'dueSoonDays', kind: { type: 'int', min: 0 } },
  { key: 'countDays', kind: { type: 'countDays' } },
  { key: 'closedStatuses', kind: { type: 'list' } },
  { key: 'colorOverdue', kind: { type: 'color', color: 'overdue' } },
  { key: 'colorDueSoon', kind: { type: 'color', color: 'dueSoon' } },
  { key: 'colorClosed', kind: { type: 'color', color: 'closed' } },
  { key: 'colorPending', kind: { type: 'color', color: 'pending' } },
  { key: 'colorInvalid', kind: { type: 'color', color: 'invalid' } },
  { key: 'colorNoDeadline', kind: { type: 'color', color: 'noDeadline' } },
  { key: 'adminEmail', kind: { type: 'email' } },
  { key: 'senderName', kind: { type: 'text' } },
  { key: 'noticeIntervalDays', kind: { type: 'int', min: 1 } },
  { key: 'criticismAfterNotices', kind: { type: 'int', min: 1 } },
  { key: 'interviewAfterNotices', kind: { type: 'int', min: 1 } },
  { key: 'sendHour', kind: { type: 'int', min: 0, max: 23 } },
  { key: 'dryRun', kind: { type: 'bool' } },
  { key: 'sendOnNonWorkingDays', kind: { type: 'bool' } },
  { key: 'noticePrefix', kind: { type: 'text' } },
];

export const SETTING_KEYS: SettingKey[] = SPECS.map((s) => s.key);

// Every setting has a label and an explanation in the catalogue; the compiler checks it here.
function labelKey(key: SettingKey): MessageKey {
  return `setting.${key}` as const;
}

function helpKey(key: SettingKey): MessageKey {
  return `setting.${key}.help` as const;
}

/** Every way a key cell may name a setting: its label in each locale, or its code name. */
const KEY_BY_TEXT = new Map<string, SettingKey>();
for (const { key } of SPECS) {
  KEY_BY_TEXT.set(normalizeHeader(key), key);
  for (const text of allTexts(labelKey(key))) KEY_BY_TEXT.set(normalizeHeader(text), key);
}

type Value = string | number | boolean | string[];

function get(s: Settings, key: SettingKey, kind: Kind): Value {
  if (kind.type === 'color') return s.colors[kind.color];
  return s[key as Exclude<SettingKey, `color${string}`>];
}

function set(s: Settings, key: SettingKey, kind: Kind, value: Value): void {
  if (kind.type === 'color') s.colors[kind.color] = String(value);
  else (s as unknown as Record<string, Value>)[key] = value;
}

/** A value as a person reads and types it in the 值 column. */
function display(value: Value, kind: Kind, t: Translate, locale: Locale): string {
  switch (kind.type) {
    case 'countDays':
      return t(value === 'calendar' ? 'setting.value.calendar' : 'setting.value.working');
    case 'bool':
      return t(value ? 'setting.value.yes' : 'setting.value.no');
    case 'color':
      return value === '' ? t('setting.value.none') : String(value);
    case 'list':
      return (value as string[]).join(locale === 'en' ? ', ' : '、');
    default:
      return String(value);
  }
}

/** The settings sheet as setup writes it: a header row, then 设置项 | default | 说明 per setting. */
export function settingRows(t: Translate, locale: Locale): string[][] {
  const defaults = defaultSettings(locale);
  return [
    [t('setting.col.key'), t('setting.col.value'), t('setting.col.help')],
    ...SPECS.map(({ key, kind }) => [t(labelKey(key)), display(get(defaults, key, kind), kind, t, locale), t(helpKey(key))]),
  ];
}

const LOCALE_WORDS: Record<string, Locale> = {
  'zh-cn': 'zh-CN',
  zhcn: 'zh-CN',
  zh: 'zh-CN',
  中文: 'zh-CN',
  简体中文: 'zh-CN',
  汉语: 'zh-CN',
  chinese: 'zh-CN',
  en: 'en',
  'en-us': 'en',
  'en-gb': 'en',
  english: 'en',
  英文: 'en',
  英语: 'en',
};

const COUNT_WORDS: Record<string, Settings['countDays']> = {
  working: 'working',
  workingdays: 'working',
  workdays: 'working',
  工作日: 'working',
  按工作日: 'working',
  calendar: 'calendar',
  calendardays: 'calendar',
  自然日: 'calendar',
  日历日: 'calendar',
  按自然日: 'calendar',
  自然天: 'calendar',
};

const NONE_WORDS = new Set(['无', 'none', '不上色', '无色', '-', 'no']);

type Parsed = { ok: true; value: Value } | { ok: false; message: MessageKey; params?: Record<string, string | number> };

function parseValue(raw: unknown, kind: Kind): Parsed | undefined {
  const text = cellText(raw);
  if (text === '' && typeof raw !== 'boolean') return undefined;
  switch (kind.type) {
    case 'locale': {
      const locale = LOCALE_WORDS[normalizeWord(raw)];
      return locale ? { ok: true, value: locale } : { ok: false, message: 'settings.badChoice', params: { choices: 'zh-CN / en' } };
    }
    case 'text':
      return { ok: true, value: text };
    case 'int': {
      const n = typeof raw === 'number' ? raw : Number(normalizeWord(raw).replace(/(个工作日|工作日|天|日|次|点|时|days?|times?|h)$/, ''));
      const fits = Number.isInteger(n) && n >= kind.min && (kind.max === undefined || n <= kind.max);
      if (fits) return { ok: true, value: n };
      return kind.max === undefined
        ? { ok: false, message: 'settings.badNumber', params: { min: kind.min } }
        : { ok: false, message: 'settings.badRange', params: { min: kind.min, max: kind.max } };
    }
    case 'countDays': {
      const v = COUNT_WORDS[normalizeWord(raw)];
      return v ? { ok: true, value: v } : { ok: false, message: 'settings.badChoice' };
    }
    case 'list': {
      const items = toHalfWidth(text)
        .split(/[、,;\n\r]+/)
        .map((s) => s.trim())
        .filter((s) => s !== '');
      return items.length > 0 ? { ok: true, value: items } : undefined;
    }
    case 'color': {
      const s = normalizeWord(raw);
      if (NONE_WORDS.has(s)) return { ok: true, value: '' };
      if (/^#[0-9a-f]{6}$/.test(s)) return { ok: true, value: s };
      // #rgb is what CSS-minded people type; Sheets wants six digits.
      if (/^#[0-9a-f]{3}$/.test(s)) return { ok: true, value: `#${s[1]}${s[1]}${s[2]}${s[2]}${s[3]}${s[3]}` };
      return { ok: false, message: 'settings.badColor' };
    }
    case 'email': {
      const s = toHalfWidth(text).trim();
      return isEmail(s) ? { ok: true, value: s } : { ok: false, message: 'settings.badEmail' };
    }
    case 'bool': {
      // Only a plain yes/no: 已销号 or 同意 in 试运行 is a slip to point out, not a yes.
      const b = readYesNo(raw);
      return b === undefined ? { ok: false, message: 'settings.badBoolean' } : { ok: true, value: b };
    }
  }
}

export interface SettingsProblem {
  /** 0-based indexes into the values array. */
  row: number;
  column: number;
  message: string;
}

interface Located {
  key: SettingKey;
  kind: Kind;
  row: number;
  raw: unknown;
}

const HEADER_TEXTS = new Set(
  (['setting.col.key', 'setting.col.value', 'setting.col.help'] as MessageKey[]).flatMap((k) => allTexts(k).map(normalizeHeader)),
);

/**
 * Reads the settings sheet (getValues() of the whole sheet). Settings not present take their
 * default; problems are written in the sheet's own language setting.
 */
export function parseSettings(values: unknown[][]): { settings: Settings; problems: SettingsProblem[] } {
  let keyCol = 0;
  let valueCol = 1;
  const headerRow = values.findIndex((row) => (row ?? []).some((v) => HEADER_TEXTS.has(normalizeHeader(v))));
  if (headerRow >= 0) {
    const header = values[headerRow].map(normalizeHeader);
    const keyAt = header.findIndex((h) => allTexts('setting.col.key').map(normalizeHeader).includes(h));
    const valueAt = header.findIndex((h) => allTexts('setting.col.value').map(normalizeHeader).includes(h));
    if (keyAt >= 0) keyCol = keyAt;
    if (valueAt >= 0) valueCol = valueAt;
    else if (keyAt >= 0) valueCol = keyAt + 1;
  }

  const found = new Map<SettingKey, Located>();
  const early: { row: number; column: number; message: MessageKey; params: Record<string, string> }[] = [];
  values.forEach((row, r) => {
    if (r === headerRow) return;
    const keyText = cellText(row?.[keyCol]);
    if (keyText === '') return;
    const key = KEY_BY_TEXT.get(normalizeHeader(keyText));
    if (!key) {
      early.push({ row: r, column: keyCol, message: 'settings.unknownKey', params: { key: keyText } });
      return;
    }
    if (found.has(key)) {
      early.push({ row: r, column: keyCol, message: 'settings.duplicateKey', params: { key: keyText } });
      return;
    }
    const kind = SPECS.find((s) => s.key === key)!.kind;
    found.set(key, { key, kind, row: r, raw: row?.[valueCol] });
  });

  // The language comes first: it decides the defaults' sheet names and the problems' wording.
  const localeRow = found.get('locale');
  const localeParsed = localeRow ? parseValue(localeRow.raw, localeRow.kind) : undefined;
  const locale: Locale = localeParsed?.ok ? (localeParsed.value as Locale) : 'zh-CN';
  const t = translator(locale);
  const settings = defaultSettings(locale);
  const problems: SettingsProblem[] = early.map((p) => ({ row: p.row, column: p.column, message: t(p.message, p.params) }));

  const label = (key: SettingKey, row: number): string => cellText(values[row]?.[keyCol]) || t(labelKey(key));
  for (const { key, kind, row, raw } of found.values()) {
    const parsed = parseValue(raw, kind);
    if (!parsed) continue;
    if (parsed.ok) {
      set(settings, key, kind, parsed.value);
      continue;
    }
    const fallback = display(get(settings, key, kind), kind, t, locale) || t('setting.value.none');
    const choices = kind.type === 'countDays' ? [t('setting.value.working'), t('setting.value.calendar')].join(' / ') : undefined;
    problems.push({
      row,
      column: valueCol,
      message: t(parsed.message, {
        key: label(key, row),
        value: cellText(raw),
        fallback,
        ...(choices ? { choices } : {}),
        ...parsed.params,
      }),
    });
  }

  if (settings.interviewAfterNotices <= settings.criticismAfterNotices) {
    const defaults = defaultSettings(locale);
    const at = found.get('interviewAfterNotices') ?? found.get('criticismAfterNotices');
    problems.push({
      row: at?.row ?? 0,
      column: valueCol,
      message: t('settings.badOrder', {
        later: t('setting.interviewAfterNotices'),
        laterValue: settings.interviewAfterNotices,
        earlier: t('setting.criticismAfterNotices'),
        earlierValue: settings.criticismAfterNotices,
      }),
    });
    settings.criticismAfterNotices = defaults.criticismAfterNotices;
    settings.interviewAfterNotices = defaults.interviewAfterNotices;
  }

  problems.sort((a, b) => a.row - b.row);
  return { settings, problems };
}

/** The setting a key cell names (its label in any language, or its code name). */
export function settingKeyOf(cell: unknown): SettingKey | undefined {
  return KEY_BY_TEXT.get(normalizeHeader(cell));
}

/** A setting's explanation (the 说明 column) in a locale. */
export function settingHelp(key: SettingKey, locale: Locale): string {
  return translator(locale)(helpKey(key));
}

/** The label a locale shows for a setting, e.g. for a message pointing at it. */
export function settingLabel(key: SettingKey, locale: Locale): string {
  return translator(locale)(labelKey(key));
}
