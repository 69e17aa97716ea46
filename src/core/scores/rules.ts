/**
 * 计分规则: the rules a unit's monthly score is worked out by, one a row on the script's own
 * 计分规则 sheet as 规则 | 分值 | 说明.
 *
 * The defaults are what campaign offices use: every unit starts the month at 100 and loses
 * points for what went wrong (a task still overdue at month end, days overdue past a grace
 * period, each 通报批评 and 约谈, each relapse, points lost in an outside check) and gains some
 * back for each task closed on time. People edit the sheet by hand, in either language, so a
 * rule is recognised by its label in any locale (or its code name), any rule can be set to 0
 * (it then counts for nothing), and a bad value is reported where it is and replaced by the
 * default: a typo must never stop the publication.
 */
import { allTexts, type Locale, type MessageKey, type Translate, translator } from '../i18n';
import type { CellProblem } from '../problems/problem';
import { type KeyValueHeader, readKeyValueSheet } from '../settings/key-value-sheet';
import { cellText, normalizeHeader, toHalfWidth } from '../text/text';
import { normalizeWord } from '../text/vocabulary';

export type RuleKey =
  | 'base'
  | 'overdueTask'
  | 'overdueDay'
  | 'overdueDayThreshold'
  | 'overdueDayCap'
  | 'criticism'
  | 'interview'
  | 'relapse'
  | 'externalLoss'
  | 'closedOnTime'
  | 'coUnitShare'
  | 'redListSize'
  | 'redMaxOverdue'
  | 'redMinClosedOnTime'
  | 'smallCategoryBlack'
  // Issue 15, part "published": 一季一测评's weights of the ledger, 实地测评 and 问卷 scores.
  | 'quarterLedgerWeight'
  | 'quarterFieldWeight'
  | 'quarterSurveyWeight';

/** Every rule's value; points are magnitudes (a 扣分 rule of 2 takes 2 points off). */
export type Rules = Record<RuleKey, number>;

/**
 * How a value is read: points and weights are any number from 0 (0.5 is common), days and
 * list sizes whole numbers, the co-unit share a fraction from 0 to 1 (50% is 0.5).
 */
type RuleKind = 'number' | 'integer' | 'share';

/** In the order setup writes them. */
const SPECS: readonly { key: RuleKey; kind: RuleKind; value: number }[] = [
  { key: 'base', kind: 'number', value: 100 },
  { key: 'overdueTask', kind: 'number', value: 2 },
  { key: 'overdueDay', kind: 'number', value: 0.5 },
  { key: 'overdueDayThreshold', kind: 'integer', value: 5 },
  { key: 'overdueDayCap', kind: 'number', value: 5 },
  { key: 'criticism', kind: 'number', value: 3 },
  { key: 'interview', kind: 'number', value: 5 },
  { key: 'relapse', kind: 'number', value: 3 },
  { key: 'externalLoss', kind: 'number', value: 1 },
  { key: 'closedOnTime', kind: 'number', value: 1 },
  { key: 'coUnitShare', kind: 'share', value: 0 },
  { key: 'redListSize', kind: 'integer', value: 3 },
  // Issue 15: 红榜 needs merit (no task overdue at month end, one closed on time); a category of
  // fewer than four ranked units has no 黑榜 unless the office gives it places.
  { key: 'redMaxOverdue', kind: 'integer', value: 0 },
  { key: 'redMinClosedOnTime', kind: 'integer', value: 1 },
  { key: 'smallCategoryBlack', kind: 'integer', value: 0 },
  // Issue 15, part "published": 一季一测评, 台账 50% / 实地测评 30% / 问卷 20% when the office typed scores.
  { key: 'quarterLedgerWeight', kind: 'share', value: 0.5 },
  { key: 'quarterFieldWeight', kind: 'share', value: 0.3 },
  { key: 'quarterSurveyWeight', kind: 'share', value: 0.2 },
];

export const RULE_KEYS: readonly RuleKey[] = SPECS.map((s) => s.key);

export const DEFAULT_RULES: Readonly<Rules> = Object.freeze(Object.fromEntries(SPECS.map((s) => [s.key, s.value])) as Rules);

/** 一季一测评's weights: the shares of the ledger score, the 实地测评 and the 问卷 in the quarter score. */
export interface QuarterWeights {
  ledger: number;
  field: number;
  survey: number;
}

export function quarterWeights(rules: Readonly<Rules>): QuarterWeights {
  return { ledger: rules.quarterLedgerWeight, field: rules.quarterFieldWeight, survey: rules.quarterSurveyWeight };
}

/** A fresh copy of the defaults. */
export function defaultRules(): Rules {
  return { ...DEFAULT_RULES };
}

// Every rule has a label and an explanation in the catalogue; the compiler checks it here.
function labelKey(key: RuleKey): MessageKey {
  return `rule.${key}` as const;
}

function helpKey(key: RuleKey): MessageKey {
  return `rule.${key}.help` as const;
}

/** A rule's name as the 计分规则 sheet and the publication's breakdown show it. */
export function ruleLabel(key: RuleKey, t: Translate): string {
  return t(labelKey(key));
}

/** The 计分规则 sheet as setup writes it: a header row, then 规则 | default | 说明 per rule. */
export function ruleRows(t: Translate): (string | number)[][] {
  return [
    [t('rule.col.rule'), t('rule.col.points'), t('rule.col.help')],
    ...SPECS.map(({ key, value }) => [t(labelKey(key)), value, t(helpKey(key))]),
  ];
}

/** Every way a cell may name a rule: its label in each locale, or its code name. */
const KEY_BY_TEXT = new Map<string, RuleKey>();
for (const { key } of SPECS) {
  KEY_BY_TEXT.set(normalizeHeader(key), key);
  for (const text of allTexts(labelKey(key))) KEY_BY_TEXT.set(normalizeHeader(text), key);
}

/** The rule a cell names (its label in any language, or its code name). */
export function ruleKeyOf(cell: unknown): RuleKey | undefined {
  return KEY_BY_TEXT.get(normalizeHeader(cell));
}

/** Rows setup should add: rules no row of the sheet names yet, in the sheet's language. */
export function missingRuleRows(values: unknown[][], t: Translate): (string | number)[][] {
  const present = new Set<RuleKey>();
  for (const row of values) {
    for (const cell of row ?? []) {
      const key = ruleKeyOf(cell);
      if (key) present.add(key);
    }
  }
  return ruleRows(t)
    .slice(1)
    .filter((_, i) => !present.has(SPECS[i]!.key));
}

/** Units people write after a number: 2分, 5天, 3个工作日, 3名, 1项, 2 points. */
const UNIT_WORDS = /(分|天|日|个工作日|工作日|名|个|项|次|倍|points?|pts?|days?|places?|units?|tasks?)$/;

/** Words people write before it: 扣2分, 每项2分, 加1分. */
const LEAD_WORDS = /^(扣|减|加|每项|每个|每天|每次|每)+/;

type Parsed = { ok: true; value: number } | { ok: false; message: MessageKey };

function parseValue(raw: unknown, kind: RuleKind): Parsed {
  if (typeof raw === 'number') return check(raw, kind, false);
  const text = normalizeWord(toHalfWidth(cellText(raw)))
    .replace(LEAD_WORDS, '')
    .replace(UNIT_WORDS, '');
  const percent = text.endsWith('%');
  const n = Number(percent ? text.slice(0, -1) : text);
  if (text === '' || text === '%' || !Number.isFinite(n)) return { ok: false, message: badMessage(kind) };
  return check(percent ? n / 100 : n, kind, percent);
}

function check(n: number, kind: RuleKind, percent: boolean): Parsed {
  const fits = Number.isFinite(n) && n >= 0 && (kind !== 'integer' || Number.isInteger(n)) && (kind === 'share' ? n <= 1 : !percent);
  return fits ? { ok: true, value: n } : { ok: false, message: badMessage(kind) };
}

function badMessage(kind: RuleKind): MessageKey {
  return kind === 'share' ? 'rules.badShare' : kind === 'integer' ? 'rules.badInteger' : 'rules.badNumber';
}

const RULES_HEADER: KeyValueHeader = { key: 'rule.col.rule', value: 'rule.col.points', help: 'rule.col.help' };

/**
 * Reads the 计分规则 sheet (getValues() of the whole sheet), written in either language. A rule
 * not present takes its default; a blank or bad value is reported, located, and the default
 * used; problems are worded in `locale`.
 */
export function parseRules(values: unknown[][], locale: Locale = 'zh-CN'): { rules: Rules; problems: CellProblem[] } {
  const t = translator(locale);
  const sheet = readKeyValueSheet(values, RULES_HEADER, ruleKeyOf);
  const rules = defaultRules();
  const problems: CellProblem[] = [];
  for (const line of sheet.lines) {
    if (line.kind !== 'entry') {
      const message = t(line.kind === 'unknown' ? 'rules.unknown' : 'rules.duplicate', { rule: line.label });
      problems.push({ row: line.row, column: sheet.keyColumn, message });
      continue;
    }
    const { key, label, raw } = line;
    const fallback = DEFAULT_RULES[key];
    if (cellText(raw) === '') {
      problems.push({ row: line.row, column: sheet.valueColumn, message: t('rules.blank', { rule: label, fallback }) });
      continue;
    }
    const parsed = parseValue(raw, SPECS.find((s) => s.key === key)!.kind);
    if (parsed.ok) rules[key] = parsed.value;
    else
      problems.push({
        row: line.row,
        column: sheet.valueColumn,
        message: t(parsed.message, { rule: label, value: cellText(raw), fallback }),
      });
  }
  return { rules, problems };
}
