/**
 * The web app (the unit's reply page 全程跟进, the inspector's page 当场下单) as a deployment of the
 * bound script, made after every push:
 *
 * 1. projects.versions.create: a new, immutable version of the content just pushed (a deployment
 *    runs a version, never HEAD);
 * 2. projects.deployments.list (every page): Duban's deployment is the one whose description
 *    starts with "Duban web app";
 * 3. projects.deployments.update to the new version when it exists (its deploymentId, and so its
 *    address https://script.google.com/macros/s/<deploymentId>/exec, stays the same), else
 *    projects.deployments.create;
 * 4. the address printed: the deployment's entryPoints, entryPointType WEB_APP, webApp.url.
 *
 * Why find the deployment by its description rather than remember its id in .clasp.json or a file
 * beside it: Google's list is the truth, on any computer and from any clone (.clasp.json is per
 * checkout, and the committed one is a placeholder), and a remembered id goes stale when someone
 * archives the deployment in the editor (Deploy → Manage deployments). The price: a deployment
 * whose description someone edits by hand is no longer recognised; README says to leave it.
 * Deployments made by hand (another description) and the HEAD deployment are never touched.
 *
 * The address must not change: every notice already sent carries links to it. So the one
 * deployment is updated, never replaced; a second one is made only if none is found.
 *
 * The manifest decides whether there is a web app at all: a deployment gets a WEB_APP entry point
 * only when its version's appsscript.json has a `webapp` block. Without one, nothing is made and
 * the person is told why the links cannot open.
 */
import { execFileSync } from 'node:child_process';
import type { script_v1 } from 'googleapis';
import type { GoogleClients } from './clients';
import type { CommandContext } from './command';
import { type Attempt, askGoogle, GoogleRefusal } from './errors';
import { SCOPES } from './scopes';

/** How Duban recognises its own deployment among the script's: the start of its description. */
export const DEPLOYMENT_PREFIX = 'Duban web app';

/** The block Duban's manifest declares (appsscript.json), as the message quotes it. */
const WEBAPP_BLOCK = '"webapp": { "executeAs": "USER_DEPLOYING", "access": "ANYONE_ANONYMOUS" }';

interface WebAppConfig {
  executeAs?: string;
  access?: string;
}

/** Who may open the pages, in words: the manifest's `access`. */
const ACCESS: Record<string, string> = {
  ANYONE_ANONYMOUS: 'anyone with the link can open it, without a Google login',
  ANYONE: 'anyone signed in to a Google account can open it',
  DOMAIN: 'only accounts of your Google Workspace domain can open it (units outside it cannot answer)',
  MYSELF: 'only you can open it',
};

/** Whose rights the pages run with: the manifest's `executeAs`. */
const EXECUTE_AS: Record<string, string> = {
  USER_DEPLOYING: 'it runs as you',
  USER_ACCESSING: 'it runs as whoever opens it',
};

/** Who may open the pages and whose rights they run with, in words, each followed by the manifest's value. */
function whoAndHow(webapp: WebAppConfig): string {
  const who = webapp.access ? `${ACCESS[webapp.access] ?? 'who may open it'} (${webapp.access})` : 'who may open it: not said';
  const as = webapp.executeAs
    ? `${EXECUTE_AS[webapp.executeAs] ?? 'it runs as'} (${webapp.executeAs})`
    : 'whose rights it runs with: not said';
  return `${who}; ${as}`;
}

/** The `webapp` block of the manifest pushed, if it declares one. */
export function webAppOf(files: script_v1.Schema$File[]): WebAppConfig | undefined {
  const manifest = files.find((f) => f.name === 'appsscript' && f.type === 'JSON');
  try {
    const json = JSON.parse(manifest?.source ?? '{}') as { webapp?: unknown };
    return json.webapp && typeof json.webapp === 'object' ? (json.webapp as WebAppConfig) : undefined;
  } catch {
    return undefined;
  }
}

/** When, in UTC, and from which commit (when the project is a git checkout): "2026-05-01 08:30 UTC · git 1a2b3c4". */
function stamp(projectDir: string, now: Date): string {
  const when = `${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  try {
    const commit = execFileSync('git', ['describe', '--always', '--dirty'], { cwd: projectDir, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
    return commit ? `${when} · git ${commit}` : when;
  } catch {
    return when;
  }
}

function attempt(action: string, scope: string, scriptId: string): Attempt {
  return { action, api: 'Apps Script API', scope, target: { kind: 'script', id: scriptId } };
}

/** Every deployment of the script, page after page. */
async function allDeployments(google: GoogleClients, scriptId: string): Promise<script_v1.Schema$Deployment[]> {
  const found: script_v1.Schema$Deployment[] = [];
  let pageToken: string | undefined;
  do {
    const res = await askGoogle(attempt("find the web app's deployment", SCOPES.scriptDeployments, scriptId), () =>
      google.script.projects.deployments.list({ scriptId, pageSize: 50, ...(pageToken ? { pageToken } : {}) }, google.perCall),
    );
    found.push(...(res.data.deployments ?? []));
    pageToken = res.data.nextPageToken ?? undefined;
  } while (pageToken);
  return found;
}

/** Duban's deployment: the last updated of those its description names (HEAD has no version). */
function dubansDeployment(deployments: script_v1.Schema$Deployment[]): script_v1.Schema$Deployment | undefined {
  return deployments
    .filter((d) => d.deploymentConfig?.versionNumber != null && (d.deploymentConfig.description ?? '').startsWith(DEPLOYMENT_PREFIX))
    .sort((a, b) => (b.updateTime ?? '').localeCompare(a.updateTime ?? ''))[0];
}

function webAppUrl(deployment: script_v1.Schema$Deployment): string {
  const url = deployment.entryPoints?.find((e) => e.entryPointType === 'WEB_APP')?.webApp?.url;
  if (!url) {
    throw new GoogleRefusal(
      'other',
      `Apps Script answered the web app deployment ${deployment.deploymentId ?? ''} without a web app address; check that dist/appsscript.json has ${WEBAPP_BLOCK}, then run the command again.`,
    );
  }
  return url;
}

/** After a push: a new version, Duban's deployment moved to it (or made), and its address printed. */
export async function deployWebApp(
  google: GoogleClients,
  scriptId: string,
  files: script_v1.Schema$File[],
  ctx: CommandContext,
  now = new Date(),
): Promise<void> {
  const webapp = webAppOf(files);
  if (!webapp) {
    ctx.err(
      `Not deployed as a web app: dist/appsscript.json declares no "webapp" block, so the links in notices (the unit's reply page, the inspector's page) cannot open; build from a checkout whose appsscript.json has ${WEBAPP_BLOCK}, then run the command again.`,
    );
    return;
  }
  const when = stamp(ctx.projectDir, now);
  const version = await askGoogle(attempt('make a new version of the script', SCOPES.scriptProjects, scriptId), () =>
    google.script.projects.versions.create({ scriptId, requestBody: { description: `Duban ${when}` } }, google.perCall),
  );
  const versionNumber = version.data.versionNumber;
  if (versionNumber == null)
    throw new GoogleRefusal('other', "Apps Script answered without the new version's number; run the command again.");
  const existing = dubansDeployment(await allDeployments(google, scriptId));
  const config = {
    versionNumber,
    manifestFileName: 'appsscript',
    description: `${DEPLOYMENT_PREFIX} · version ${versionNumber} · ${when}`,
  };
  const deploying = attempt('deploy the web app', SCOPES.scriptDeployments, scriptId);
  let deployment: script_v1.Schema$Deployment;
  if (existing?.deploymentId) {
    const deploymentId = existing.deploymentId;
    const res = await askGoogle(deploying, () =>
      google.script.projects.deployments.update(
        { scriptId, deploymentId, requestBody: { deploymentConfig: { scriptId, ...config } } },
        google.perCall,
      ),
    );
    deployment = res.data;
    ctx.out(`Updated the web app deployment ${deploymentId} to version ${versionNumber}; its address stays the same.`);
  } else {
    const res = await askGoogle(deploying, () =>
      google.script.projects.deployments.create({ scriptId, requestBody: config }, google.perCall),
    );
    deployment = res.data;
    ctx.out(`Created the web app deployment ${deployment.deploymentId ?? ''} at version ${versionNumber}: ${whoAndHow(webapp)}.`);
  }
  ctx.out(`Web app: ${webAppUrl(deployment)}`);
  ctx.out('The links in notices open this address; if they are missing, put it in the 设置 sheet under 网页地址.');
}
