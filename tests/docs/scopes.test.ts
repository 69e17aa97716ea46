/**
 * What the script asks Google for, said once and kept true (issue 16): the manifest's oauthScopes
 * are exactly the rows of the README's table "Why each OAuth scope the script asks for"; every
 * scope the local runtime's services demand (as Apps Script would) is among them; the scopes of
 * the deploy commands' login (scripts/google/scopes.ts: the Apps Script API's projects, processes,
 * deployments) are the login's, never the script's; and the web app block is the one the README
 * explains (execute as the deploying user; anyone with the link, DOMAIN the alternative).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DRIVE_SCOPE } from '../../runtime/services/drive';
import { SEND_MAIL_SCOPE } from '../../runtime/services/mail';
import { SCRIPTAPP_SCOPE } from '../../runtime/services/script-app';
import { SCOPES } from '../../scripts/google/scopes';

const root = resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(join(root, 'appsscript.json'), 'utf8')) as {
  oauthScopes: string[];
  webapp?: { executeAs: string; access: string };
  dependencies?: { enabledAdvancedServices?: { serviceId: string; version: string }[] };
};
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const AUTH = 'https://www.googleapis.com/auth/';

/** The scopes named in the first column of the first scope table after `heading` in the README. */
function tableScopes(heading: string): string[] {
  const start = readme.indexOf(heading);
  expect(start, `README has no "${heading}"`).toBeGreaterThan(-1);
  const lines = readme.slice(start).split('\n');
  const table = lines.slice(lines.findIndex((l) => l.startsWith('| scope')));
  const rows = table
    .slice(
      0,
      table.findIndex((l) => !l.startsWith('|')),
    )
    .slice(2);
  return rows.map((row) => `${AUTH}${/^\| `([^`]+)` \|/.exec(row)![1]}`);
}

describe('the scopes the script asks for', () => {
  it('are exactly the README table’s rows, each with its reason', () => {
    expect(tableScopes('### Why each OAuth scope the script asks for').sort()).toEqual([...manifest.oauthScopes].sort());
  });

  it('cover every scope the runtime’s services demand, Drive’s through the advanced service (v3)', () => {
    for (const scope of [DRIVE_SCOPE, SEND_MAIL_SCOPE, SCRIPTAPP_SCOPE]) expect(manifest.oauthScopes).toContain(scope);
    expect(manifest.oauthScopes).not.toContain(`${AUTH}drive`);
    expect(manifest.dependencies?.enabledAdvancedServices).toEqual([{ userSymbol: 'Drive', serviceId: 'drive', version: 'v3' }]);
  });

  it('leave the deploy login’s Apps Script API scopes to the login (script.deployments is not the script’s)', () => {
    for (const scope of [SCOPES.scriptProjects, SCOPES.scriptProcesses, SCOPES.scriptDeployments]) {
      expect(manifest.oauthScopes).not.toContain(scope);
    }
    expect(tableScopes('points at another `.clasprc.json`').map((s) => s.replace(AUTH, ''))).toEqual(
      Object.values(SCOPES).map((s) => s.replace(AUTH, '')),
    );
  });

  it('declare the web app the README explains: run as the deploying user, open to anyone with the link', () => {
    expect(manifest.webapp).toEqual({ executeAs: 'USER_DEPLOYING', access: 'ANYONE_ANONYMOUS' });
    expect(readme).toContain('"webapp": { "executeAs": "USER_DEPLOYING", "access": "ANYONE_ANONYMOUS" }');
    expect(readme).toContain('`access: DOMAIN`');
  });
});
