/**
 * `npm run deploy`: see scripts/google/deploy-command.ts (`npm run deploy -- --help` prints the usage).
 */
import { runFromTerminal } from './google/command';
import { deploy } from './google/deploy-command';

runFromTerminal(import.meta.url, deploy);
