import { catalogues, type Locale, type MessageKey } from './messages';

export type { Locale, MessageKey } from './messages';

export type Params = Record<string, string | number>;

/** A translator bound to one locale: t('sheet.tasks') -> '任务台账'. */
export type Translate = (key: MessageKey, params?: Params) => string;

export function format(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    // biome-ignore lint/suspicious/noPrototypeBuiltins: Object.hasOwn (ES2022) is not promised by the Apps Script V8 runtime
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

export function translator(locale: Locale): Translate {
  const table = catalogues[locale];
  return (key, params) => format(table[key], params);
}

/** Every locale's text for a key: for recognising a header or sheet name whatever the language it was made in. */
export function allTexts(key: MessageKey): string[] {
  return Object.values(catalogues).map((table) => table[key]);
}
