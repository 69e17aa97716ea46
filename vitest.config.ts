import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // One build of dist/Code.js for the whole run, before any test file starts; it fails the run
    // if a test rebuilds it meanwhile.
    globalSetup: ['./tests/global-setup.ts'],
    // Vitest 4 runs one worker fewer than there are cores, leaving 1 of this 2-core machine's 2
    // idle: the e2e suites mostly wait on the processes they spawn, so use every core.
    maxWorkers: '100%',
    // Files share their worker's modules (the runtime, exceljs, the bundle's text load once per
    // worker, not once per file): a third less CPU. Sound because no test mocks a module or a
    // global or leaves the environment changed; a test that must do so restores it (see
    // tests/deploy/project.ts guardNetwork) or this goes back to true.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', './tests/summary-reporter.ts'],
  },
});
