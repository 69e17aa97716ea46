/**
 * The demo, run as a newcomer runs it, writes exactly what tests/golden/demo-fingerprint.json
 * says: every workbook cell, every mail's body and recipients, every run.json but its timings.
 * A refactoring must leave it green; a change meant to alter the demo updates the fingerprint
 * with `npm run demo:check -- --update` in the same commit, so the review sees it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalOutputs, differences, type Fingerprint, fingerprintOf, GOLDEN } from '../../scripts/demo-fingerprint';
import { sharedDemo } from './shared-demo';

describe('the demo', () => {
  it('writes the same workbooks, mails and run.json files as fingerprinted', async () => {
    // The run scripts.e2e also reads (shared-demo.ts); a failed run fails here, as runDemo() would.
    const demo = sharedDemo();
    expect([demo.status, demo.stderr]).toEqual([0, '']);
    const actual = fingerprintOf(await canonicalOutputs(demo.out));
    const expected = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Fingerprint;
    expect(Object.keys(actual).length).toBeGreaterThan(100);
    expect(differences(expected, actual)).toEqual([]);
  });
});

describe('the fingerprint comparison', () => {
  it('names a file that changed, one no longer written and one new', () => {
    expect(differences({ a: '1', b: '2', c: '3' }, { a: '1', b: '9', d: '4' })).toEqual(['b: differs', 'c: no longer written', 'd: new']);
  });
});
