/**
 * Runs once before any test file: builds dist/Code.js from src/ as it is now, so every suite (and
 * every `npm run local`/demo the tests spawn) runs the same fresh bundle, and nothing rebuilds it
 * while another test is reading it. `npm run test:fast` therefore always smoke-tests a fresh build.
 *
 * DUBAN_PREBUILT_BUNDLE tells scripts/local.ts (the runner behind `npm run local` and `npm run
 * demo`) to read dist/ as built here instead of building again; only the tests set it, so a
 * person's run always builds fresh. Test workers and the processes they spawn inherit it, and
 * DUBAN_TEST_SCRATCH, a folder the suites share for this run (removed after it).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBundle, PREBUILT_BUNDLE_ENV } from '../scripts/build';

export const SCRATCH_ENV = 'DUBAN_TEST_SCRATCH';

/** Which file dist/Code.js is: every build writes a new one and renames it into place. */
function identity(file: string): string {
  const s = statSync(file);
  return `${s.ino}:${s.mtimeMs}`;
}

export default async function buildOnce(): Promise<() => void> {
  const { file } = await buildBundle();
  const built = identity(file);
  process.env[PREBUILT_BUNDLE_ENV] = '1';
  const scratch = mkdtempSync(join(tmpdir(), 'duban-tests-'));
  process.env[SCRATCH_ENV] = scratch;
  return () => {
    rmSync(scratch, { recursive: true, force: true });
    // A test that rebuilt dist/ may have swapped it under another one reading it: say so, fail the run.
    if (identity(file) !== built) {
      console.error(`${file} was rebuilt during the tests: they must read the one build made before them.`);
      process.exitCode = 1;
    }
  };
}
