/**
 * Logger and console: every line the script logs goes to the runtime's `logs`, prefixed by
 * its level as the Apps Script execution log shows it (Info, Warning, Error, Debug).
 *
 * https://developers.google.com/apps-script/guides/logging
 * Logger.log(format, ...values) substitutes %s like console.log; both format their values with
 * Node's util.format, which matches what Cloud Logging shows for strings, numbers and plain
 * objects closely enough for reading a run.
 */
import { format } from 'node:util';
import type { ServiceEnv } from '../sandbox.js';

export type LogLevel = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR';

export interface LogSink {
  write(level: LogLevel, text: string): void;
}

export function formatLine(level: LogLevel, text: string): string {
  return `[${level}] ${text}`;
}

/** Made per execution: Logger.getLog() returns what Logger.log wrote in this execution. */
export function createLogger(env: ServiceEnv, sink: LogSink): object {
  let own: string[] = [];
  const logger = {
    log(...args: unknown[]): object {
      env.enter('Logger.log');
      const text = format(...args);
      own.push(text);
      sink.write('INFO', text);
      return logger;
    },
    getLog(): string {
      env.enter('Logger.getLog');
      return own.map((line) => `${line}\n`).join('');
    },
    clear(): void {
      env.enter('Logger.clear');
      own = [];
    },
  };
  return logger;
}

/** console is part of V8, not a service: its calls are not counted. */
export function createConsole(sink: LogSink): object {
  const at =
    (level: LogLevel) =>
    (...args: unknown[]): void => {
      sink.write(level, format(...args));
    };
  const timers = new Map<string, number>();
  return {
    log: at('INFO'),
    info: at('INFO'),
    warn: at('WARNING'),
    error: at('ERROR'),
    debug: at('DEBUG'),
    time(label = 'default'): void {
      timers.set(String(label), performance.now());
    },
    timeEnd(label = 'default'): void {
      const start = timers.get(String(label));
      if (start === undefined) return;
      timers.delete(String(label));
      sink.write('DEBUG', `${String(label)}: ${Math.round(performance.now() - start)}ms`);
    },
  };
}
