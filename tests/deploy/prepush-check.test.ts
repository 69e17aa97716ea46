/**
 * The pre-push check's failing side (its passing side runs in terminal.test.ts): when the fast
 * tests fail, the person sees their last lines and a refusal, and the command sends nothing.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GoogleRefusal } from '../../scripts/google/errors';
import { prepushCheck } from '../../scripts/google/prepush-check';

describe('the pre-push check', () => {
  it('refuses when `npm run test:fast` fails, showing the end of its output', async () => {
    // A project whose fast tests fail the way vitest and tests/summary-reporter.ts report it.
    const dir = mkdtempSync(join(tmpdir(), 'duban-check-'));
    const failing =
      "console.log('FAIL tests/core/state.test.ts > a deadline on a holiday'); console.log('Tests: 420 passed, 1 failed'); process.exit(1)";
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'x', private: true, scripts: { 'test:fast': `node -e "${failing}"` } }),
    );
    const out: string[] = [];
    const err: string[] = [];
    const refusal = await prepushCheck(
      dir,
      (l) => out.push(l),
      (l) => err.push(l),
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refusal).toBeInstanceOf(GoogleRefusal);
    expect((refusal as GoogleRefusal).message).toBe(
      'The fast tests failed (Tests: 420 passed, 1 failed), so nothing was sent to Google: run `npm run test:fast`, fix what fails, then run the command again.',
    );
    expect(err).toEqual(['FAIL tests/core/state.test.ts > a deadline on a holiday', 'Tests: 420 passed, 1 failed']);
    expect(out).toEqual(['Checking before pushing: npm run build, then npm run test:fast …']);
  });
});
