/**
 * Session: who runs the script, in which zone and locale.
 *
 * https://developers.google.com/apps-script/reference/base/session
 * The script's time zone is appsscript.json's `timeZone` (default here 'Asia/Shanghai'); the
 * spreadsheet's own zone is separate (Spreadsheet.getSpreadsheetTimeZone()).
 * getTemporaryActiveUserKey is stable for a user within this runtime (Google rotates it every
 * 30 days).
 */
import { createHash } from 'node:crypto';
import type { ServiceEnv } from '../sandbox.js';

function createUser(env: ServiceEnv, email: string): object {
  return {
    getEmail(): string {
      env.enter('User.getEmail');
      return email;
    },
  };
}

export function createSession(env: ServiceEnv): object {
  return {
    getScriptTimeZone(): string {
      env.enter('Session.getScriptTimeZone');
      return env.scriptTimeZone;
    },
    getActiveUser(): object {
      env.enter('Session.getActiveUser');
      return createUser(env, env.userEmail);
    },
    getEffectiveUser(): object {
      env.enter('Session.getEffectiveUser');
      return createUser(env, env.userEmail);
    },
    getActiveUserLocale(): string {
      env.enter('Session.getActiveUserLocale');
      return env.locale;
    },
    getTemporaryActiveUserKey(): string {
      env.enter('Session.getTemporaryActiveUserKey');
      return createHash('sha256').update(`${env.scriptId}:${env.userEmail}`).digest('base64url').slice(0, 43);
    },
  };
}
