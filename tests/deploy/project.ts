/**
 * A throwaway Duban project for the Google commands: dist/ as built, the committed placeholder
 * .clasp.json, and a clasp login (in clasp 3's file format) whose secrets are recognisable, so
 * a test can prove none of them is ever printed or written into the project.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CommandContext } from '../../scripts/google/command';
import { FAKE_ACCESS_TOKEN, type FakeGoogle } from './fake-google';

export const ROOT = resolve(__dirname, '../..');

export const LOGIN = {
  client_id: '123456789012-fakeclient.apps.googleusercontent.com',
  client_secret: 'GOCSPX-fake-client-secret-never-printed',
  refresh_token: '1//fake-refresh-token-never-printed',
  access_token: 'ya29.stale-access-token-never-printed',
  type: 'authorized_user',
};

export const SECRETS = [LOGIN.client_secret, LOGIN.refresh_token, LOGIN.access_token, FAKE_ACCESS_TOKEN];

/** clasp 3's ~/.clasprc.json: one login per user name under `tokens`. */
export function clasprc(tokens: Record<string, object> = { default: LOGIN }): string {
  return JSON.stringify({ tokens }, null, 2);
}

/**
 * Belt and braces against reaching Google from a test: any request not addressed to the fake
 * on 127.0.0.1 goes to a proxy on a closed loopback port (gaxios honours HTTPS_PROXY and
 * NO_PROXY), so it fails at once, here, instead of leaving the machine.
 */
export const NO_NETWORK_ENV = { HTTPS_PROXY: 'http://127.0.0.1:9', HTTP_PROXY: 'http://127.0.0.1:9', NO_PROXY: '127.0.0.1,localhost' };

export function guardNetwork(): () => void {
  const saved = Object.fromEntries(Object.keys(NO_NETWORK_ENV).map((k) => [k, process.env[k]]));
  Object.assign(process.env, NO_NETWORK_ENV);
  return () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}

export interface TestProject {
  dir: string;
  authFile: string;
  stdout: string[];
  stderr: string[];
  checks: number;
  /** How many requests the fake had received when the pre-push check ran. */
  requestsAtCheck: number[];
  ctx: CommandContext;
  claspJson(): Record<string, unknown>;
}

export interface ProjectOptions {
  /** What the pre-push check does; by default it passes. */
  check?: () => Promise<void>;
  clasprc?: string;
  /**
   * The manifest's `webapp` block in dist/appsscript.json (null: none). By default the one Duban
   * declares, whatever the built manifest of this checkout says, so the tests do not change with it.
   */
  webapp?: { executeAs: string; access: string } | null;
}

/** The calls that follow every push when the manifest declares a web app: a version, then Duban's deployment found and made (or moved). */
export function webAppCalls(scriptId: string, deploymentId?: string): string[] {
  return [
    `POST /v1/projects/${scriptId}/versions`,
    `GET /v1/projects/${scriptId}/deployments`,
    deploymentId ? `PUT /v1/projects/${scriptId}/deployments/${deploymentId}` : `POST /v1/projects/${scriptId}/deployments`,
  ];
}

/** The web app as Duban's manifest declares it: run as the deploying user, open to anyone with the link. */
export const DUBAN_WEBAPP = { executeAs: 'USER_DEPLOYING', access: 'ANYONE_ANONYMOUS' };

export async function testProject(fake: FakeGoogle, options: ProjectOptions = {}): Promise<TestProject> {
  // dist/ as tests/global-setup.ts built it once for the whole run.
  const dir = mkdtempSync(join(tmpdir(), 'duban-deploy-'));
  mkdirSync(join(dir, 'dist'));
  copyFileSync(join(ROOT, 'dist', 'Code.js'), join(dir, 'dist', 'Code.js'));
  const manifest = JSON.parse(readFileSync(join(ROOT, 'dist', 'appsscript.json'), 'utf8')) as Record<string, unknown>;
  const webapp = options.webapp === undefined ? DUBAN_WEBAPP : options.webapp;
  if (webapp) manifest.webapp = webapp;
  else delete manifest.webapp;
  writeFileSync(join(dir, 'dist', 'appsscript.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  copyFileSync(join(ROOT, '.clasp.json'), join(dir, '.clasp.json'));
  // The login lives outside the project, as ~/.clasprc.json does.
  const home = mkdtempSync(join(tmpdir(), 'duban-home-'));
  const authFile = join(home, '.clasprc.json');
  writeFileSync(authFile, options.clasprc ?? clasprc());
  const project: TestProject = {
    dir,
    authFile,
    stdout: [],
    stderr: [],
    checks: 0,
    requestsAtCheck: [],
    ctx: undefined as unknown as CommandContext,
    claspJson: () => JSON.parse(readFileSync(join(dir, '.clasp.json'), 'utf8')) as Record<string, unknown>,
  };
  project.ctx = {
    projectDir: dir,
    env: { clasp_config_auth: authFile, DUBAN_GOOGLE_ROOT_URL: fake.url },
    out: (line) => void project.stdout.push(line),
    err: (line) => void project.stderr.push(line),
    check: async () => {
      project.checks++;
      project.requestsAtCheck.push(fake.requests.length);
      await options.check?.();
    },
    // One quick retry: the tests see that 429s are retried without waiting seconds.
    retry: { retries: 1, maxDelayMs: 1 },
  };
  return project;
}

/** Every file under a folder, as text, to search for secrets. */
export function filesUnder(dir: string): { file: string; text: string }[] {
  const found: { file: string; text: string }[] = [];
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) found.push(...filesUnder(file));
    else found.push({ file, text: readFileSync(file, 'latin1') });
  }
  return found;
}

/** No secret of the login, and no access token, in what was printed or in any project file. */
export function leakedSecrets(project: TestProject): string[] {
  const places = [
    { file: 'stdout', text: project.stdout.join('\n') },
    { file: 'stderr', text: project.stderr.join('\n') },
    ...filesUnder(project.dir),
  ];
  return places.flatMap(({ file, text }) => SECRETS.filter((s) => text.includes(s)).map((s) => `${s} in ${file}`));
}

/** The four steps of the pre-push check, in the order it runs them. */
export const CHECK_STEPS = ['lint', 'typecheck', 'build', 'test:fast'] as const;
export type CheckStep = (typeof CHECK_STEPS)[number];

/**
 * A stand-in project for the pre-push check: a package.json whose four scripts each note their
 * name in ran.txt, print what the real one prints when it passes, and exit 0, unless `failing`
 * gives that step a script of its own (one that prints and exits 1). `ran()` says which steps ran.
 */
export function checkProject(failing: Partial<Record<CheckStep, string>> = {}): { dir: string; ran: () => string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'duban-check-'));
  const passing: Record<CheckStep, string> = {
    lint: 'Checked 212 files in 1s. No fixes applied.',
    typecheck: '',
    build: 'built dist/Code.js (310.8 KiB)',
    'test:fast': 'Tests: 431 passed, 0 failed',
  };
  const scripts = Object.fromEntries(
    CHECK_STEPS.map((step) => {
      const body = failing[step] ?? `console.log(${JSON.stringify(passing[step])})`;
      const note = `require('fs').appendFileSync('ran.txt', ${JSON.stringify(`${step}\n`)});`;
      return [step, `node -e ${JSON.stringify(`${note} ${body}`)}`];
    }),
  );
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'stand-in', private: true, scripts }));
  const ran = (): string[] => {
    try {
      return readFileSync(join(dir, 'ran.txt'), 'utf8').trimEnd().split('\n');
    } catch {
      return [];
    }
  };
  return { dir, ran };
}
