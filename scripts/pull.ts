/**
 * `npm run pull`: see scripts/google/pull-command.ts (`npm run pull -- --help` prints the usage).
 */
import { runFromTerminal } from './google/command';
import { pull } from './google/pull-command';

runFromTerminal(import.meta.url, pull);
