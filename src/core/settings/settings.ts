/**
 * The 设置 sheet: one setting per row, as 设置项 | 值 | 说明.
 *
 * People edit this sheet by hand, in whichever language it was set up in, so a key is
 * recognised by its label in any locale (or by its code name), and a bad value is reported
 * where it is and replaced by the default: a typo in a colour must never stop the sweep.
 */
import { readAddressList } from '../directory/addresses';
import { allTexts, type Locale, type MessageKey, type Translate, translator } from '../i18n';
import type { CellProblem } from '../problems/problem';
import { cellText, isEmail, normalizeHeader, toHalfWidth } from '../text/text';
import { normalizeWord, readYesNo } from '../text/vocabulary';
import { type KeyValueHeader, readKeyValueSheet } from './key-value-sheet';

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
  /**
   * 发文机关: the office every mail comes from and is signed by (XX市创建全国文明城市工作指挥部办公室);
   * '' until the office fills it in. Formerly 发件人名称, whose row still reads as this one.
   */
  issuingOffice: string;
  /** 联系人, 联系电话: whom a unit calls about a notice; '' until filled in. */
  contactPerson: string;
  contactPhone: string;
  /** 联系邮箱: the Reply-To of every mail; '' until filled in. */
  contactEmail: string;
  /** The name mails are sent and signed under: 发文机关, or a plain 创城办 until it is filled in (never the product's name). */
  senderName: string;
  /** 整改通知限期（工作日）: each 整改通知 must be answered within this many working days; the next goes out only after. */
  noticeReplyDays: number;
  /** 通报批评 once this many 整改通知 were not met (未达到整改要求; the campaign's rule: 2). */
  criticismAfterNotices: number;
  /** 约谈 proposed once this many 整改通知 were not met (the campaign's rule: 3). */
  interviewAfterNotices: number;
  /** 失败次数计算: the failed notices counted per task (按任务, the default) or across the unit's tasks (按单位). */
  failureCounting: 'task' | 'unit';
  /** Hour of the day (0-23) for the daily sweep trigger. */
  sendHour: number;
  /** 试运行: every mail goes to the admin only, with the intended recipients at its top; the log says test. */
  dryRun: boolean;
  /** 节假日照常发送: notices go out on weekends and holidays too (otherwise on the next working day). */
  sendOnNonWorkingDays: boolean;
  /** 机关代字: the word before 〔year〕 in a 公文's number, as in X创城督〔2026〕3号; '' until filled in. Formerly 督办文号前缀. */
  officeCode: string;
  /** The prefix numbers are given with: 机关代字, or 督办 until it is filled in. */
  noticePrefix: string;
  /** 通报抄送: the addresses every 通报 is copied to (督查室, 纪委监委); none by default. */
  circularCc: string[];
  /** 通报批评方式: a 通报 the day a unit reaches 通报批评 (即时), or held for the month's bulletin (随月度通报). */
  circularMode: CircularMode;
  /** 通报送达: who of each unit receives a 通报: its contact, or its contact and its head (主要负责人). */
  circularTo: CircularTo;
  /** 约谈抄送: who is copied on every 约谈通知 besides the unit's 分管领导 (督查室, 纪委监委); valid addresses only. */
  interviewCc: string[];
  /** 月度通报主送: whom the month's 督查通报 is addressed to (各县区、市直各单位). */
  bulletinTo: string;
  /** 现场交办整改时限: the 整改时限 an inspector's order (当场下单) is offered by default, e.g. 3个工作日内 or 即知即改. */
  onSiteDeadline: string;
  /** 月度通报抄送: the 抄送 line of the month's 督查通报, as text; 无 leaves it out. */
  bulletinCc: string;
  /** 处理建议提法: the words a sanction in the 通报 starts with (提请市文明委): the committee decides, the 通报 requests. */
  sanctionWording: string;
  /** 整改报告期限（工作日）: the 黑榜 units' 整改报告 is due this many working days after publication. */
  reportDays: number;
  /**
   * 照片文件夹 (issue 16: reply): the Drive folder the units' and inspectors' photos go to, by its
   * name (setup creates it in the deploying account's Drive) or its id / URL.
   */
  photoFolder: string;
  /** The web app's address (…/exec), when ScriptApp cannot tell it (issue 16): the links in notices open it. */
  webappUrl: string;
}

export type CircularMode = 'immediate' | 'monthly';
export type CircularTo = 'contact' | 'contactAndHead';

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
    issuingOffice: '',
    contactPerson: '',
    contactPhone: '',
    contactEmail: '',
    senderName: t('office.unnamed'),
    noticeReplyDays: 5,
    criticismAfterNotices: 2,
    interviewAfterNotices: 3,
    failureCounting: 'task',
    sendHour: 8,
    dryRun: false,
    sendOnNonWorkingDays: false,
    officeCode: '',
    noticePrefix: t('notice.prefix'),
    circularCc: [],
    circularMode: 'immediate',
    circularTo: 'contact',
    interviewCc: [],
    bulletinTo: t('setting.default.bulletinTo'),
    onSiteDeadline: t('setting.default.onSiteDeadline'),
    bulletinCc: t('setting.default.bulletinCc'),
    sanctionWording: t('setting.default.sanctionWording'),
    reportDays: 5,
    photoFolder: t('setting.default.photoFolder'),
    webappUrl: '',
  };
}

/** The settings that make a mail the office's own 公文: the summary reminds the admin until each is filled in. */
export const OFFICE_SETTING_KEYS = ['issuingOffice', 'contactPerson', 'contactPhone', 'contactEmail', 'officeCode'] as const;
export type OfficeSettingKey = (typeof OFFICE_SETTING_KEYS)[number];

/** The office settings 设置 still leaves empty, in the sheet's order. */
export function unfilledOfficeSettings(settings: Pick<Settings, OfficeSettingKey>): OfficeSettingKey[] {
  return OFFICE_SETTING_KEYS.filter((key) => settings[key].trim() === '');
}

/** The sender name and prefix follow 发文机关 and 机关代字, with their stand-ins while those are empty. */
function resolveOffice(settings: Settings, t: Translate): void {
  settings.senderName = settings.issuingOffice.trim() || t('office.unnamed');
  settings.noticePrefix = settings.officeCode.trim() || t('notice.prefix');
}

/**
 * Values a former version wrote as the default of the rows 发文机关 and 机关代字 now read
 * (发件人名称 督办台账, 督办文号前缀 督办): the product's words, not the office's, so they count as
 * not filled in: no mail is signed 督办台账, and the admin is reminded.
 */
const FORMER_DEFAULTS: Partial<Record<SettingKey, readonly string[]>> = {
  issuingOffice: allTexts('menu.title'),
  officeCode: allTexts('notice.prefix'),
};

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
  | 'issuingOffice'
  | 'contactPerson'
  | 'contactPhone'
  | 'contactEmail'
  | 'noticeReplyDays'
  | 'criticismAfterNotices'
  | 'interviewAfterNotices'
  | 'failureCounting'
  | 'sendHour'
  | 'dryRun'
  | 'sendOnNonWorkingDays'
  | 'officeCode'
  | 'circularCc'
  | 'circularMode'
  | 'circularTo'
  | 'interviewCc'
  | 'bulletinTo'
  | 'bulletinCc'
  | 'sanctionWording'
  | 'reportDays'
  | 'photoFolder'
  | 'webappUrl'
  | 'onSiteDeadline';

type Kind =
  | { type: 'locale' }
  | { type: 'text' }
  | { type: 'int'; min: number; max?: number }
  | { type: 'countDays' }
  /** One of a few values, each said by a word of the catalogue (in every locale). */
  | { type: 'choice'; options: readonly { value: string; word: MessageKey }[] }
  | { type: 'list' }
  | { type: 'color'; color: keyof Colors }
  | { type: 'email' }
  /** A web address (http or https), as the deploy command prints it. */
  | { type: 'url' }
  /** Several addresses, read as the directory reads them; a bad one is reported and left out, the rest kept. */
  | { type: 'emails' }
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
  { key: 'issuingOffice', kind: { type: 'text' } },
  { key: 'contactPerson', kind: { type: 'text' } },
  { key: 'contactPhone', kind: { type: 'text' } },
  { key: 'contactEmail', kind: { type: 'email' } },
  { key: 'noticeReplyDays', kind: { type: 'int', min: 0 } },
  { key: 'criticismAfterNotices', kind: { type: 'int', min: 1 } },
  { key: 'interviewAfterNotices', kind: { type: 'int', min: 1 } },
  {
    key: 'failureCounting',
    kind: {
      type: 'choice',
      options: [
        { value: 'task', word: 'setting.value.perTask' },
        { value: 'unit', word: 'setting.value.perUnit' },
      ],
    },
  },
  { key: 'sendHour', kind: { type: 'int', min: 0, max: 23 } },
  { key: 'dryRun', kind: { type: 'bool' } },
  { key: 'sendOnNonWorkingDays', kind: { type: 'bool' } },
  { key: 'officeCode', kind: { type: 'text' } },
  // issue 14, 通报批评 is a 通报: whom it is copied to, when it goes, who of each unit receives it.
  { key: 'circularCc', kind: { type: 'emails' } },
  {
    key: 'circularMode',
    kind: {
      type: 'choice',
      options: [
        { value: 'immediate', word: 'setting.value.circularImmediate' },
        { value: 'monthly', word: 'setting.value.circularMonthly' },
      ],
    },
  },
  {
    key: 'circularTo',
    kind: {
      type: 'choice',
      options: [
        { value: 'contact', word: 'setting.value.circularToContact' },
        { value: 'contactAndHead', word: 'setting.value.circularToHead' },
      ],
    },
  },
  { key: 'interviewCc', kind: { type: 'emails' } },
  // issue 15, the month's 督查通报: 主送, 抄送, how a sanction is requested, when the 黑榜's 整改报告 is due.
  { key: 'bulletinTo', kind: { type: 'text' } },
  { key: 'bulletinCc', kind: { type: 'text' } },
  { key: 'sanctionWording', kind: { type: 'text' } },
  { key: 'reportDays', kind: { type: 'int', min: 1, max: 60 } },
  // issue 16: reply, where the photos of 整改反馈 and 当场下单 are kept.
  { key: 'photoFolder', kind: { type: 'text' } },
  // issue 16: the web app's address as `npm run deploy` prints it, for when ScriptApp's own is missing or the /dev one.
  { key: 'webappUrl', kind: { type: 'url' } },
  // issue 16: inspector, the 整改时限 an on-site order gets unless the inspector picks another.
  { key: 'onSiteDeadline', kind: { type: 'text' } },
];

/**
 * Rows a former version wrote under another name, read as the setting that took them over:
 * 发件人名称 is 发文机关, 督办文号前缀 is 机关代字, 督办间隔天数 is 整改通知限期（工作日） (setup renames the row, keeping its value).
 */
const FORMER_LABELS: Partial<Record<SettingKey, MessageKey>> = {
  issuingOffice: 'setting.former.senderName',
  officeCode: 'setting.former.noticePrefix',
  // 督办间隔天数 spaced the notices; the 整改限期 of each notice does now, and keeps the office's number.
  noticeReplyDays: 'setting.former.noticeIntervalDays',
  // The thresholds counted notices given; they count notices not met now, with the same numbers (2 and 3).
  criticismAfterNotices: 'setting.former.criticismAfterNotices',
  interviewAfterNotices: 'setting.former.interviewAfterNotices',
};

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
for (const [key, former] of Object.entries(FORMER_LABELS) as [SettingKey, MessageKey][]) {
  for (const text of allTexts(former)) KEY_BY_TEXT.set(normalizeHeader(text), key);
}
KEY_BY_TEXT.set(normalizeHeader('senderName'), 'issuingOffice');
KEY_BY_TEXT.set(normalizeHeader('noticePrefix'), 'officeCode');
KEY_BY_TEXT.set(normalizeHeader('noticeIntervalDays'), 'noticeReplyDays');

/** Whether a key cell names a setting by a former name (发件人名称), which setup renames. */
export function isFormerLabel(cell: unknown): boolean {
  const key = settingKeyOf(cell);
  if (key === undefined) return false;
  return (
    !allTexts(labelKey(key)).some((text) => normalizeHeader(text) === normalizeHeader(cell)) &&
    normalizeHeader(cell) !== normalizeHeader(key)
  );
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
    case 'choice': {
      const option = kind.options.find((o) => o.value === value);
      return option ? t(option.word) : String(value);
    }
    case 'bool':
      return t(value ? 'setting.value.yes' : 'setting.value.no');
    case 'color':
      return value === '' ? t('setting.value.none') : String(value);
    case 'list':
      return (value as string[]).join(locale === 'en' ? ', ' : '、');
    case 'emails':
      return (value as string[]).join(locale === 'en' ? ', ' : '；');
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

type Parsed =
  /** problem: what of a value that mostly reads was left out (a bad address among good ones). */
  | { ok: true; value: Value; problem?: { message: MessageKey; params: Record<string, string> } }
  | { ok: false; message: MessageKey; params?: Record<string, string | number> };

/** Addresses as the directory reads them: the good ones kept, the first bad one said (all are, in its text). */
function readAddresses(raw: unknown): Parsed | undefined {
  const list = readAddressList(raw);
  const value = list.addresses.map((a) => a.address);
  if (list.bad.length === 0) return value.length > 0 ? { ok: true, value } : undefined;
  if (value.length === 0) return { ok: false, message: 'settings.badEmail' };
  return { ok: true, value, problem: { message: 'settings.badEmails', params: { bad: list.bad.join('、') } } };
}

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
    case 'choice': {
      const word = normalizeWord(raw);
      const option = kind.options.find((o) => o.value === word || allTexts(o.word).some((w) => normalizeWord(w) === word));
      return option ? { ok: true, value: option.value } : { ok: false, message: 'settings.badChoice' };
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
    case 'url': {
      const s = toHalfWidth(text).trim();
      return /^https?:\/\/[^\s/]+\/\S*$/i.test(s) ? { ok: true, value: s } : { ok: false, message: 'settings.badUrl' };
    }
    case 'email': {
      const s = toHalfWidth(text).trim();
      return isEmail(s) ? { ok: true, value: s } : { ok: false, message: 'settings.badEmail' };
    }
    case 'emails':
      return readAddresses(raw);
    case 'bool': {
      // Only a plain yes/no: 已销号 or 同意 in 试运行 is a slip to point out, not a yes.
      const b = readYesNo(raw);
      return b === undefined ? { ok: false, message: 'settings.badBoolean' } : { ok: true, value: b };
    }
  }
}

/** A setting the sheet names, with its kind and the value as typed. */
type SettingEntry = { key: SettingKey; kind: Kind; row: number; label: string; raw: unknown };

const SETTINGS_HEADER: KeyValueHeader = { key: 'setting.col.key', value: 'setting.col.value', help: 'setting.col.help' };

/**
 * Reads the settings sheet (getValues() of the whole sheet). Settings not present take their
 * default; problems are written in the sheet's own language setting.
 */
export function parseSettings(values: unknown[][]): { settings: Settings; problems: CellProblem[] } {
  const sheet = readKeyValueSheet(values, SETTINGS_HEADER, (text) => KEY_BY_TEXT.get(normalizeHeader(text)));
  const entries = new Map<SettingKey, SettingEntry>();
  for (const line of sheet.lines) {
    if (line.kind === 'entry') entries.set(line.key, { ...line, kind: SPECS.find((s) => s.key === line.key)!.kind });
  }
  const locale = sheetLocale(entries);
  const t = translator(locale);
  const settings = defaultSettings(locale);
  const problems: CellProblem[] = sheet.lines.flatMap((line) =>
    line.kind === 'entry'
      ? []
      : [
          {
            row: line.row,
            column: sheet.keyColumn,
            message: t(line.kind === 'unknown' ? 'settings.unknownKey' : 'settings.duplicateKey', { key: line.label }),
          },
        ],
  );
  for (const entry of entries.values()) {
    const problem = applySetting(settings, entry, t, locale);
    if (problem) problems.push({ row: entry.row, column: sheet.valueColumn, message: problem });
  }
  const order = restoreLadderOrder(settings, entries, locale, t);
  if (order) problems.push({ ...order, column: sheet.valueColumn });
  resolveOffice(settings, t);
  problems.sort((a, b) => a.row - b.row);
  return { settings, problems };
}

/** 语言 comes first: it decides the defaults' sheet names and the problems' wording (zh-CN when unreadable). */
function sheetLocale(entries: ReadonlyMap<SettingKey, SettingEntry>): Locale {
  const localeRow = entries.get('locale');
  const parsed = localeRow ? parseValue(localeRow.raw, localeRow.kind) : undefined;
  return parsed?.ok ? (parsed.value as Locale) : 'zh-CN';
}

/** Sets one setting from its cell; a value that does not read keeps the default and says why. */
function applySetting(settings: Settings, entry: SettingEntry, t: Translate, locale: Locale): string | undefined {
  const { key, kind, raw } = entry;
  const parsed = parseValue(raw, kind);
  if (!parsed) return undefined;
  if (parsed.ok && FORMER_DEFAULTS[key]?.some((word) => normalizeWord(word) === normalizeWord(parsed.value))) return undefined;
  if (parsed.ok) {
    set(settings, key, kind, parsed.value);
    return parsed.problem && t(parsed.problem.message, { key: entry.label || t(labelKey(key)), ...parsed.problem.params });
  }
  // An address list keeps its valid addresses; only the bad ones are left out (and said).
  if (kind.type === 'emails')
    set(
      settings,
      key,
      kind,
      readAddressList(raw).addresses.map((a) => a.address),
    );
  const fallback = display(get(settings, key, kind), kind, t, locale) || t('setting.value.none');
  const choices =
    kind.type === 'countDays'
      ? [t('setting.value.working'), t('setting.value.calendar')].join(' / ')
      : kind.type === 'choice'
        ? kind.options.map((o) => t(o.word)).join(' / ')
        : undefined;
  return t(parsed.message, {
    key: entry.label || t(labelKey(key)),
    value: cellText(raw),
    fallback,
    ...(choices ? { choices } : {}),
    ...parsed.params,
  });
}

/**
 * 约谈 must come after 通报批评 on the ladder: when the sheet's counts say otherwise, both go back
 * to their defaults and the problem points at the 约谈 row (or the 通报批评 row).
 */
function restoreLadderOrder(
  settings: Settings,
  entries: ReadonlyMap<SettingKey, SettingEntry>,
  locale: Locale,
  t: Translate,
): { row: number; message: string } | undefined {
  if (settings.interviewAfterNotices > settings.criticismAfterNotices) return undefined;
  const defaults = defaultSettings(locale);
  const at = entries.get('interviewAfterNotices') ?? entries.get('criticismAfterNotices');
  const message = t('settings.badOrder', {
    later: t('setting.interviewAfterNotices'),
    laterValue: settings.interviewAfterNotices,
    earlier: t('setting.criticismAfterNotices'),
    earlierValue: settings.criticismAfterNotices,
  });
  settings.criticismAfterNotices = defaults.criticismAfterNotices;
  settings.interviewAfterNotices = defaults.interviewAfterNotices;
  return { row: at?.row ?? 0, message };
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

/**
 * The cell (0-based) that holds a setting's value in the settings sheet, where setup records a
 * decision it took for the office (the ledger sheet it found by its header), or undefined when
 * no row names the setting.
 */
export function settingCell(values: unknown[][], key: SettingKey): { row: number; column: number } | undefined {
  const sheet = readKeyValueSheet(values, SETTINGS_HEADER, (text) => KEY_BY_TEXT.get(normalizeHeader(text)));
  const line = sheet.lines.find((l) => l.kind === 'entry' && l.key === key);
  return line ? { row: line.row, column: sheet.valueColumn } : undefined;
}
