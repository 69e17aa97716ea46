/**
 * What every Google command runs with, and how it ends. A command takes its surroundings as a
 * context (the project folder, the environment, where lines go, the pre-push check), so the
 * tests run the real command against a local fake of Google with a check of their own.
 *
 * Exit codes: 0 done; 1 Google refused (or the pre-push check failed, or no login), with one
 * line on stderr naming the cause and the fix; 2 bad arguments, with one line on stderr and
 * nothing read, built or sent.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from './args';
import { DEFAULT_RETRY, type RetryPolicy } from './clients';
import { GoogleRefusal } from './errors';
import { prepushCheck } from './prepush-check';

export interface CommandContext {
  /** The project: dist/ is pushed from here; .clasp.json is here unless clasp_config_project says otherwise. */
  projectDir: string;
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
  err: (line: string) => void;
  /** The pre-push check (lint, typecheck, build, fast tests); throws a GoogleRefusal when the bundle must not be pushed. */
  check: () => Promise<void>;
  retry: RetryPolicy;
}

export const PROJECT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The context of a command run from the terminal (`npm run deploy` …). */
export function terminalContext(): CommandContext {
  const out = (line: string): void => void process.stdout.write(`${line}\n`);
  const err = (line: string): void => void process.stderr.write(`${line}\n`);
  return { projectDir: PROJECT_DIR, env: process.env, out, err, check: () => prepushCheck(PROJECT_DIR, out, err), retry: DEFAULT_RETRY };
}

/** Runs a command body and turns how it ended into the exit code. */
export async function exitCodeOf(body: () => Promise<void>, ctx: CommandContext): Promise<number> {
  try {
    await body();
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      ctx.err(e.message);
      return 2;
    }
    if (e instanceof GoogleRefusal) {
      ctx.err(e.message);
      return 1;
    }
    // A bug of ours: its first line only (a stack could carry a request and its token).
    ctx.err(`Unexpected error: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    return 1;
  }
}

/** `node scripts/<command>.ts …` from the terminal: run, then exit with the command's code. */
export function runFromTerminal(metaUrl: string, main: (argv: string[], ctx: CommandContext) => Promise<number>): void {
  if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(metaUrl)) {
    void main(process.argv.slice(2), terminalContext()).then((code) => {
      process.exitCode = code;
    });
  }
}
