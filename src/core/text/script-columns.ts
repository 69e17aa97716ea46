/**
 * Where each column of a sheet the script writes (督办记录, 排名历史) is: found by its header in
 * any language, so a sheet set up in Chinese and read after switching to English (or with its
 * columns moved by hand) still reads; a column whose header is not found is taken to be where the
 * script writes it.
 */
import { allTexts, type MessageKey } from '../i18n';
import { normalizeHeader } from './text';

export function scriptColumns<C extends string>(
  header: readonly unknown[],
  columns: readonly C[],
  headerOf: Record<C, MessageKey>,
): Record<C, number> {
  const at = {} as Record<C, number>;
  columns.forEach((c, i) => {
    const texts = new Set(allTexts(headerOf[c]).map(normalizeHeader));
    const found = header.findIndex((h) => texts.has(normalizeHeader(h)));
    at[c] = found >= 0 ? found : i;
  });
  return at;
}
