/**
 * 督查员: the inspectors who may file a problem on site (当场下单), one row each: 姓名, 邮箱, 启用.
 * Read by header in either language; an inspector whose 启用 is 否 (or who is no longer listed)
 * has their link refused. A blank 启用 is yes: a person who lists an inspector means them to work.
 */
import { allTexts, type MessageKey } from '../i18n';
import { normalizeWord, readYesNo } from '../text/vocabulary';

export interface Inspector {
  name: string;
  /** As typed ('' when the row names someone without an address: never matched, told to the admin). */
  email: string;
  enabled: boolean;
  /** The row on the sheet (1-based), for a message that says where. */
  row: number;
}

export const INSPECTOR_HEADER: readonly MessageKey[] = ['inspcol.name', 'inspcol.email', 'inspcol.enabled'];

/** The inspectors on the sheet (header in its first row); an empty row is skipped, a name without an address kept with email ''. */
export function parseInspectors(values: readonly (readonly unknown[])[]): Inspector[] {
  const header = (values[0] ?? []).map(normalizeWord);
  const at = (key: MessageKey) => header.findIndex((h) => allTexts(key).some((text) => normalizeWord(text) === h));
  const [name, email, enabled] = INSPECTOR_HEADER.map(at) as [number, number, number];
  if (email < 0) return [];
  const inspectors: Inspector[] = [];
  values.slice(1).forEach((row, i) => {
    const address = String(row[email] ?? '').trim();
    const named = name < 0 ? '' : String(row[name] ?? '').trim();
    if (address === '' && named === '') return;
    inspectors.push({
      name: named || address,
      email: address,
      enabled: enabled < 0 ? true : (readYesNo(row[enabled]) ?? true),
      row: i + 2,
    });
  });
  return inspectors;
}

/** The inspector a link names, by address whatever its case. */
export function findInspector(inspectors: readonly Inspector[], email: string): Inspector | undefined {
  const wanted = email.trim().toLowerCase();
  if (wanted === '') return undefined;
  return inspectors.find((i) => i.email.toLowerCase() === wanted);
}
