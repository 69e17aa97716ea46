/**
 * The files projects.updateContent receives: exactly dist/Code.js and dist/appsscript.json as
 * built. Apps Script names files without their extension and types them (google/clasp pushes
 * the same way): the manifest must be "appsscript" of type JSON; code is SERVER_JS. The call
 * replaces every file of the project, so what is pushed is all the script has.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { script_v1 } from 'googleapis';
import { GoogleRefusal } from './errors';

export const BUNDLE = [
  { local: 'appsscript.json', name: 'appsscript', type: 'JSON' },
  { local: 'Code.js', name: 'Code', type: 'SERVER_JS' },
] as const;

export function bundleFiles(projectDir: string): script_v1.Schema$File[] {
  return BUNDLE.map(({ local, name, type }) => {
    const file = join(projectDir, 'dist', local);
    if (!existsSync(file)) {
      throw new GoogleRefusal(
        'checkFailed',
        `dist/${local} is missing, so nothing was sent to Google: run \`npm run build\`, then run the command again.`,
      );
    }
    return { name, type, source: readFileSync(file, 'utf8') };
  });
}
