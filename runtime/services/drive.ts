/**
 * DriveApp, the little the web app needs: folders found by id or name, made, and files made from
 * a Blob, each with its id, name and URL. Kept as real folders and files under the directory the
 * runtime is given (`driveDir`, e.g. <out>/drive), so a person can open the photos a run stored.
 *
 * https://developers.google.com/apps-script/reference/drive/drive-app (getFolderById,
 *   getFoldersByName, createFolder, getRootFolder)
 * https://developers.google.com/apps-script/reference/drive/folder (createFolder, createFile(blob),
 *   getFoldersByName, getId, getName, getUrl)
 * https://developers.google.com/apps-script/reference/drive/file (getId, getName, getUrl)
 * https://developers.google.com/apps-script/reference/drive/folder-iterator (hasNext, next)
 *
 * Approximations: an id is the item's path under driveDir (base64url), so it survives a restart of
 * the runner; Drive allows two items of one name in a folder, a disk does not, so the second gets
 * " (2)" on disk and as its name; '/' in a name is stored as '／'. The URL is `driveUrl(path)`
 * (default a file: URL), so the local server can serve the photos it links.
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ServiceEnv } from '../sandbox.js';
import { blobDataOf } from './blob.js';

/** DriveApp's scope as the manifest declares it (appsscript.json). */
export const DRIVE_SCOPE = 'https://www.googleapis.com/auth/drive.file';

export interface DriveOptions {
  /** Where the Drive's items are kept; DriveApp throws a clear error without one. */
  dir?: string;
  /** The URL of an item, from its path relative to dir ('/'-separated). */
  url?: (relativePath: string) => string;
}

const NOT_FOUND =
  'No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.';

function idOf(rel: string): string {
  return `local-${Buffer.from(rel, 'utf8').toString('base64url')}`;
}

function pathOfId(id: string): string | undefined {
  if (!id.startsWith('local-')) return undefined;
  const rel = Buffer.from(id.slice(6), 'base64url').toString('utf8');
  return rel.split('/').includes('..') ? undefined : rel;
}

function diskName(name: string): string {
  const clean = name.replace(/\//g, '／').replace(/\0/g, '');
  return clean === '' || clean === '.' || clean === '..' ? '_' : clean;
}

/** A free name in dir: name, or "name (2)", "stem (2).ext"… */
function freeName(dir: string, name: string): string {
  if (!existsSync(join(dir, name))) return name;
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let n = 2; ; n++) {
    const candidate = `${stem} (${n})${ext}`;
    if (!existsSync(join(dir, candidate))) return candidate;
  }
}

export function createDriveApp(env: ServiceEnv, opts: DriveOptions): object {
  const root = (): string => {
    if (!opts.dir) throw env.error('DriveApp: this local runtime was given no Drive folder (option driveDir).');
    mkdirSync(opts.dir, { recursive: true });
    return opts.dir;
  };
  const rel = (abs: string): string => relative(root(), abs).split(sep).join('/');
  const urlOf = (abs: string): string => (opts.url ? opts.url(rel(abs)) : pathToFileURL(abs).href);
  const auth = (method: string) => {
    env.enter(method);
    env.requireAuth(method, DRIVE_SCOPE);
  };

  const file = (abs: string): object => ({
    getId(): string {
      env.enter('File.getId');
      return idOf(rel(abs));
    },
    getName(): string {
      env.enter('File.getName');
      return abs.split(sep).at(-1)!;
    },
    getUrl(): string {
      env.enter('File.getUrl');
      return urlOf(abs);
    },
    getSize(): number {
      env.enter('File.getSize');
      return statSync(abs).size;
    },
  });

  const iterator = (items: object[]): object => {
    let at = 0;
    return {
      hasNext(): boolean {
        env.enter('FolderIterator.hasNext');
        return at < items.length;
      },
      next(): object {
        env.enter('FolderIterator.next');
        if (at >= items.length) throw env.error('Cannot retrieve the next object: iterator has reached the end.');
        return items[at++]!;
      },
    };
  };

  const foldersNamed = (dir: string, name: unknown): object => {
    const wanted = diskName(String(name));
    const found = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name === wanted);
    return iterator(found.map((d) => folder(join(dir, d.name))));
  };

  const makeFolder = (dir: string, name: unknown): object => {
    if (typeof name !== 'string' || name === '') throw env.error('Invalid argument: name');
    const abs = join(dir, freeName(dir, diskName(name)));
    mkdirSync(abs);
    return folder(abs);
  };

  const folder = (abs: string): object => ({
    getId(): string {
      env.enter('Folder.getId');
      return idOf(rel(abs));
    },
    getName(): string {
      env.enter('Folder.getName');
      return abs === root() ? 'My Drive' : abs.split(sep).at(-1)!;
    },
    getUrl(): string {
      env.enter('Folder.getUrl');
      return urlOf(abs);
    },
    createFolder(name: unknown): object {
      auth('Folder.createFolder');
      return makeFolder(abs, name);
    },
    getFoldersByName(name: unknown): object {
      auth('Folder.getFoldersByName');
      return foldersNamed(abs, name);
    },
    createFile(blob: unknown): object {
      auth('Folder.createFile');
      const data = blobDataOf(blob);
      if (!data)
        throw env.error(`The parameters (${env.signature([blob])}) don't match the method signature for DriveApp.Folder.createFile.`);
      const path = join(abs, freeName(abs, diskName(data.name ?? 'Untitled')));
      writeFileSync(path, data.bytes);
      return file(path);
    },
  });

  return {
    getRootFolder(): object {
      auth('DriveApp.getRootFolder');
      return folder(root());
    },
    getFolderById(id: unknown): object {
      auth('DriveApp.getFolderById');
      const path = typeof id === 'string' ? pathOfId(id) : undefined;
      const abs = path === undefined ? undefined : join(root(), ...path.split('/').filter((p) => p !== ''));
      if (!abs || !existsSync(abs) || !statSync(abs).isDirectory()) throw env.error(NOT_FOUND);
      return folder(abs);
    },
    getFileById(id: unknown): object {
      auth('DriveApp.getFileById');
      const path = typeof id === 'string' ? pathOfId(id) : undefined;
      const abs = path === undefined ? undefined : join(root(), ...path.split('/'));
      if (!abs || !existsSync(abs) || !statSync(abs).isFile()) throw env.error(NOT_FOUND);
      return file(abs);
    },
    getFoldersByName(name: unknown): object {
      auth('DriveApp.getFoldersByName');
      return foldersNamed(root(), name);
    },
    createFolder(name: unknown): object {
      auth('DriveApp.createFolder');
      return makeFolder(root(), name);
    },
  };
}

/**
 * The advanced Drive service (Drive API v3 as `Drive`), the little photos.ts uses, on the same
 * folders as DriveApp: Files.list with a query of `name = '…'`, `'<id>' in parents`,
 * `mimeType = '…'` and `trashed = false` joined by `and`; Files.create of a folder (resource only)
 * or a file (resource + Blob); Files.get. It answers the fields Google's would for
 * `fields: 'id,name,mimeType,webViewLink'`. The advanced service works with the manifest's
 * drive.file scope (DriveApp needs the full drive scope).
 *
 * https://developers.google.com/apps-script/advanced/drive
 * https://developers.google.com/drive/api/reference/rest/v3/files/list (q: search-files)
 * https://developers.google.com/drive/api/reference/rest/v3/files/create
 */
export const FOLDER_MIME = 'application/vnd.google-apps.folder';

export function createAdvancedDrive(env: ServiceEnv, opts: DriveOptions): object {
  const root = (): string => {
    if (!opts.dir) throw env.error('Drive: this local runtime was given no Drive folder (option driveDir).');
    mkdirSync(opts.dir, { recursive: true });
    return opts.dir;
  };
  const rel = (abs: string): string => relative(root(), abs).split(sep).join('/');
  const absOf = (id: string): string | undefined => {
    if (id === 'root') return root();
    const path = pathOfId(id);
    const abs = path === undefined ? undefined : join(root(), ...path.split('/').filter((p) => p !== ''));
    return abs && existsSync(abs) ? abs : undefined;
  };
  const resource = (abs: string) => {
    const isFolder = statSync(abs).isDirectory();
    const name = abs === root() ? 'My Drive' : abs.split(sep).at(-1)!;
    const mimeType = isFolder
      ? FOLDER_MIME
      : /\.png$/i.test(name)
        ? 'image/png'
        : /\.jpe?g$/i.test(name)
          ? 'image/jpeg'
          : 'application/octet-stream';
    const webViewLink = opts.url ? opts.url(rel(abs)) : pathToFileURL(abs).href;
    return env.record<unknown>({ kind: 'drive#file', id: idOf(rel(abs)), name, mimeType, webViewLink });
  };
  const notFound = (id: unknown) =>
    env.error(`GoogleJsonResponseException: API call to drive.files failed with error: File not found: ${String(id)}.`);
  const auth = (method: string) => {
    env.enter(method);
    env.requireAuth(method, DRIVE_SCOPE);
  };
  const list = (query: unknown): object => {
    auth('Drive.Files.list');
    const q = String((query as { q?: unknown } | undefined)?.q ?? '');
    const terms = q === '' ? [] : q.split(/\s+and\s+/i);
    let parent = root();
    const wants: ((abs: string) => boolean)[] = [];
    for (const term of terms) {
      const m =
        /^name\s*=\s*'((?:\\'|[^'])*)'$/.exec(term.trim()) ??
        /^'([^']+)'\s+in\s+parents$/.exec(term.trim()) ??
        /^mimeType\s*=\s*'([^']+)'$/.exec(term.trim()) ??
        /^trashed\s*=\s*false$/.exec(term.trim());
      if (!m) throw env.error(`GoogleJsonResponseException: API call to drive.files.list failed with error: Invalid Value (q: ${q})`);
      if (term.trim().startsWith('name')) {
        const wanted = diskName(m[1]!.replace(/\\'/g, "'").replace(/\\\\/g, '\\'));
        wants.push((abs) => abs.split(sep).at(-1) === wanted);
      } else if (term.includes('in parents')) {
        const abs = absOf(m[1]!);
        if (!abs) return env.record<unknown>({ files: env.array([]) });
        parent = abs;
      } else if (term.trim().startsWith('mimeType')) {
        const mime = m[1]!;
        wants.push((abs) => (resource(abs) as { mimeType: string }).mimeType === mime);
      }
    }
    const found = readdirSync(parent)
      .map((n) => join(parent, n))
      .filter((abs) => wants.every((w) => w(abs)));
    return env.record<unknown>({ files: env.array(found.map(resource)) });
  };
  const create = (meta: unknown, blob?: unknown): object => {
    auth('Drive.Files.create');
    const m = (meta ?? {}) as { name?: unknown; mimeType?: unknown; parents?: unknown };
    const parents = Array.isArray(m.parents) ? m.parents : ['root'];
    const dir = absOf(String(parents[0]));
    if (!dir || !statSync(dir).isDirectory()) throw notFound(parents[0]);
    if (m.mimeType === FOLDER_MIME) {
      const abs = join(dir, freeName(dir, diskName(String(m.name ?? 'Untitled folder'))));
      mkdirSync(abs);
      return resource(abs);
    }
    const data = blob === undefined ? undefined : blobDataOf(blob);
    if (!data) throw env.error('Drive.Files.create: a file needs its media (a Blob)');
    const abs = join(dir, freeName(dir, diskName(String(m.name ?? data.name ?? 'Untitled'))));
    writeFileSync(abs, data.bytes);
    return resource(abs);
  };
  return {
    Files: {
      list,
      create,
      get(id: unknown): object {
        auth('Drive.Files.get');
        const abs = typeof id === 'string' ? absOf(id) : undefined;
        if (!abs) throw notFound(id);
        return resource(abs);
      },
    },
  };
}
