/**
 * The OAuth scopes the Google commands need, and nothing wider: drive.file (not drive) sees
 * only the files these commands create or the person opens with them, which is the sheet
 * uploaded by `deploy --xlsx`.
 */
export const SCOPES = {
  /**
   * files.create (the upload) and files.export (pull), on files this client created; and the
   * Sheets API calls on that same sheet (spreadsheets.get, batchUpdate, developerMetadata.search),
   * which the Sheets API accepts with drive.file for a file the app created or opened (Google's
   * "Choose Google Sheets API scopes": drive.file is the recommended, non-sensitive one).
   */
  driveFile: 'https://www.googleapis.com/auth/drive.file',
  /** projects.create and projects.updateContent. */
  scriptProjects: 'https://www.googleapis.com/auth/script.projects',
  /** processes.listScriptProcesses (status). */
  scriptProcesses: 'https://www.googleapis.com/auth/script.processes',
  /**
   * projects.deployments.list, create and update: the web app's deployment (deploy). Google's
   * reference asks for this scope for all three (versions.create needs only script.projects).
   */
  scriptDeployments: 'https://www.googleapis.com/auth/script.deployments',
} as const;

export const ALL_SCOPES: readonly string[] = Object.values(SCOPES);

/** The login that gives these scopes, as clasp 3 takes it (`--extra-scopes` is a comma-separated list). */
export const LOGIN_COMMAND = `npx clasp login --creds <client_secret.json> --extra-scopes ${ALL_SCOPES.join(',')}`;
