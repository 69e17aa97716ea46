/**
 * 反馈状态: where a unit's reply through the web app stands, in Duban's own ledger column (issue 16).
 *
 * 待验收 the moment the unit submits (no more notices, no failure counted, as the office's own
 * 待验收); 退回 when the verifier sent it back in 整改反馈 (the ladder resumes on its deadline); 通过
 * when the verifier passed it (awaiting the office's own close: 是否销号 / 整改状态 stay the office's).
 */
import { allTexts, type MessageKey } from '../i18n';
import { normalizeWord } from '../text/vocabulary';

export type ReplyState = 'pending' | 'returned' | 'passed';

export const REPLY_STATE_WORD: Record<ReplyState, MessageKey> = {
  pending: 'feedback.pending',
  returned: 'feedback.returned',
  passed: 'feedback.passed',
};

const BY_WORD = new Map<string, ReplyState>();
for (const [state, key] of Object.entries(REPLY_STATE_WORD) as [ReplyState, MessageKey][])
  for (const text of allTexts(key)) BY_WORD.set(normalizeWord(text), state);

/** The state a 反馈状态 cell says, in either language; undefined for a blank or another word. */
export function readReplyState(v: unknown): ReplyState | undefined {
  return BY_WORD.get(normalizeWord(v));
}

/** Whether a reply holds the matter off the ladder: 待验收 and 通过 wait for the office, 退回 does not. */
export function holdsLadder(state: ReplyState | undefined): boolean {
  return state === 'pending' || state === 'passed';
}
