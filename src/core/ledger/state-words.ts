/**
 * The state column holds a word a person filters on (逾期, 临期, …). It is also the sweep's
 * memory of yesterday: reading the word back, in whichever language wrote it, tells whether
 * a task was closed before (a reopening) or changed class (a status change date).
 */
import { allTexts } from '../i18n';
import { STATE_CODES, STATE_MESSAGE, type StateCode } from './state';

const BY_WORD = new Map<string, StateCode>();
for (const code of STATE_CODES) {
  for (const word of allTexts(STATE_MESSAGE[code])) BY_WORD.set(word.trim().toLowerCase(), code);
}

export function stateFromText(text: string): StateCode | undefined {
  return BY_WORD.get(text.trim().toLowerCase());
}
