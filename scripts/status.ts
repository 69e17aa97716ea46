/**
 * `npm run status`: see scripts/google/status-command.ts (`npm run status -- --help` prints the usage).
 */
import { runFromTerminal } from './google/command';
import { status } from './google/status-command';

runFromTerminal(import.meta.url, status);
