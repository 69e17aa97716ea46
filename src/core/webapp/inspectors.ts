/**
 * 督查员: the inspectors who may file a problem on site (当场下单), one row each: 姓名, 邮箱, 启用.
 * Read by header in either language; an inspector whose 启用 is 否 (or who is no longer listed)
 * has their link refused. A blank 启用 is yes: a person who lists an inspector means them to work.
 */
import { allTexts, type MessageKey } from '../i18n';
import { normalizeWord, readYesNo } from '../text/vocabulary';

export interface Inspector {
  name: string;
  email: string;
  enabled: boolean;
}

export const INSPECTOR_HEADER: readonly MessageKey[] = ['inspcol.name', 'inspcol.email', 'inspcol.enabled'];

/** The inspectors on the sheet (header in its first row); rows without an address are skipped. */
export function parseInspectors(values: readonly (readonly unknown[])[]): Inspector[] {
  const header = (values[0] ?? []).map(normalizeWord);
  const at = (key: MessageKey) => header.findIndex((h) => allTexts(key).some((text) => normalizeWord(text) === h));
  const [name, email, enabled] = INSPECTOR_HEADER.map(at) as [number, number, number];
  if (email < 0) return [];
  const inspectors: Inspector[] = [];
  for (const row of values.slice(1)) {
    const address = String(row[email] ?? '').trim();
    if (address === '') continue;
    inspectors.push({
      name: name < 0 ? address : String(row[name] ?? '').trim() || address,
      email: address,
      enabled: enabled < 0 ? true : (readYesNo(row[enabled]) ?? true),
    });
  }
  return inspectors;
}

/** The inspector a link names, by address whatever its case. */
export function findInspector(inspectors: readonly Inspector[], email: string): Inspector | undefined {
  const wanted = email.trim().toLowerCase();
  return inspectors.find((i) => i.email.toLowerCase() === wanted);
}
