/**
 * Any valid .xlsx, in the layout exceljs can read. exceljs (4.4, issue 2797) does not follow the
 * package's relationships: it recognises parts by Excel's default names (xl/worksheets/sheetN.xml,
 * xl/commentsN.xml, xl/drawings/vmlDrawingN.vml, xl/styles.xml …) and matches a sheet's notes by
 * the exact relative target Excel writes (../comments1.xml). Other producers write valid packages
 * with other names and absolute targets: openpyxl keeps notes at /xl/comments/comment1.xml and
 * xl/drawings/commentsDrawing1.vml, the Open XML SDK names its first sheet sheet.xml, some zip
 * writers put backslashes in entry names. Excel, WPS and LibreOffice open them all; exceljs throws
 * or silently drops a sheet.
 *
 * So before exceljs reads a package, this module walks it as the Open Packaging Conventions
 * define it (ECMA-376 Part 2): from _rels/.rels to the workbook, from the workbook's relationships
 * to its sheets, styles, shared strings and theme, from each sheet's to its notes, drawings and
 * tables, from each drawing's to its pictures; the workbook is recognised by its content type in
 * [Content_Types].xml (an Override for its name, else the Default for its extension). Each part
 * exceljs would not find is renamed to Excel's default name, every relationship target is written
 * relative to its new place, and [Content_Types].xml follows the renames. No part is found by
 * guessing a file name, and none is dropped. A package already in Excel's layout (Excel's own,
 * exceljs's, LibreOffice's) is returned as it came, byte for byte. Anything that cannot be walked
 * (not a zip, no _rels/.rels, no spreadsheet as its main part) is also returned as it came, for
 * runtime/xlsx/format.ts and exceljs to say what is wrong with it.
 */
import JSZip from 'jszip';
import { escapeXml } from './chart-part.js';
import { relsPathOf, resolveTarget, xmlAttributes } from './parts.js';
import { zipEntries, zipEntryData } from './zip.js';

const CONTENT_TYPES = '[Content_Types].xml';
/** The main part of a workbook, a template and a macro-enabled workbook (ECMA-376 Part 1, 12.3.23; MS-OFFMACRO). */
const WORKBOOK_TYPE = /\.(?:sheet|template)(?:\.macroEnabled)?\.main\+xml$/i;

/** Where Excel puts a part, as exceljs expects it: a fixed name, or a numbered name in a folder. */
type Home = { fixed: string } | { accepts: RegExp; make: (n: number, ext: string) => string };

const numbered = (accepts: RegExp, make: (n: number, ext: string) => string): Home => ({ accepts, make });

/** By the relationship's type (its last segment) and the kind of part that holds it. */
const HOMES: Record<string, Record<string, Home>> = {
  package: {
    officeDocument: { fixed: 'xl/workbook.xml' },
    'core-properties': { fixed: 'docProps/core.xml' },
    'extended-properties': { fixed: 'docProps/app.xml' },
    'custom-properties': { fixed: 'docProps/custom.xml' },
  },
  officeDocument: {
    worksheet: numbered(/^xl\/worksheets\/sheet\d+\.xml$/, (n) => `xl/worksheets/sheet${n}.xml`),
    styles: { fixed: 'xl/styles.xml' },
    sharedStrings: { fixed: 'xl/sharedStrings.xml' },
    theme: numbered(/^xl\/theme\/[a-zA-Z0-9]+\.xml$/, (n) => `xl/theme/theme${n}.xml`),
  },
  worksheet: {
    comments: numbered(/^xl\/comments\d+\.xml$/, (n) => `xl/comments${n}.xml`),
    vmlDrawing: numbered(/^xl\/drawings\/vmlDrawing\d+\.vml$/, (n) => `xl/drawings/vmlDrawing${n}.vml`),
    drawing: numbered(/^xl\/drawings\/[a-zA-Z0-9]+\.xml$/, (n) => `xl/drawings/drawing${n}.xml`),
    table: numbered(/^xl\/tables\/table\d+\.xml$/, (n) => `xl/tables/table${n}.xml`),
    image: numbered(/^xl\/media\/[a-zA-Z0-9]+\.[a-zA-Z0-9]{3,4}$/, (n, ext) => `xl/media/image${n}.${ext}`),
  },
  drawing: {
    image: numbered(/^xl\/media\/[a-zA-Z0-9]+\.[a-zA-Z0-9]{3,4}$/, (n, ext) => `xl/media/image${n}.${ext}`),
  },
};

interface Part {
  /** The entry's name in the zip as written. */
  entry: string;
  /** Its bytes, inflated when first asked for: most parts are only moved, if at all. */
  data: () => Buffer | undefined;
}

/** A relationship as written, with the part it points to (undefined: external, or not in the package). */
interface Link {
  /** The whole <Relationship …/> element. */
  element: string;
  target: string;
  kind: string;
  part?: string;
}

/** The package's parts by name (no leading '/', '/' between folders), and their names by lower case (OPC names ignore case). */
class Package {
  readonly parts = new Map<string, Part>();
  private readonly byLowerCase = new Map<string, string>();

  add(name: string, part: Part): void {
    this.parts.set(name, part);
    this.byLowerCase.set(name.toLowerCase(), name);
  }

  find(name: string): string | undefined {
    return this.byLowerCase.get(name.toLowerCase());
  }

  text(name: string): string | undefined {
    const found = this.find(name);
    return found === undefined ? undefined : this.parts.get(found)?.data()?.toString('utf8');
  }
}

/** The package in Excel's layout (a new buffer), or the same buffer when it already is or cannot be walked. */
export async function normalisePackage(buf: Buffer): Promise<Buffer> {
  const pkg = readPackage(buf);
  if (!pkg) return buf;
  const walk = walkPackage(pkg);
  if (!walk) return buf;
  const renames = planRenames(pkg, walk);
  const out = new Map<string, () => Buffer | undefined>();
  let changed = false;
  for (const [name, part] of pkg.parts) {
    const newName = renames.get(name) ?? name;
    if (newName !== part.entry) changed = true;
    out.set(newName, part.data);
    if (walk.kinds.get(name) === 'comments') {
      const xml = part.data()?.toString('utf8') ?? '';
      const runs = notesInRuns(xml);
      if (runs !== xml) {
        changed = true;
        out.set(newName, () => Buffer.from(runs, 'utf8'));
      }
    }
  }
  for (const [source, links] of walk.links) {
    const rels = pkg.find(relsPathOf(source));
    if (rels === undefined) continue;
    const xml = pkg.text(rels) ?? '';
    const rewritten = retarget(xml, links, renames.get(source) ?? source, renames);
    if (rewritten !== xml) {
      changed = true;
      out.set(relsPathOf(renames.get(source) ?? source), () => Buffer.from(rewritten, 'utf8'));
    }
  }
  const types = pkg.find(CONTENT_TYPES);
  if (types !== undefined) {
    const xml = pkg.text(types) ?? '';
    const rewritten = retype(xml, renames);
    if (rewritten !== xml) {
      changed = true;
      out.set(CONTENT_TYPES, () => Buffer.from(rewritten, 'utf8'));
    }
  }
  if (!changed) return buf;
  const zip = new JSZip();
  for (const [name, data] of out) {
    const bytes = data();
    if (!bytes) return buf; // a part that cannot be inflated: exceljs will say the file is damaged
    zip.file(name, bytes, { createFolders: false });
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 1 } });
}

function readPackage(buf: Buffer): Package | undefined {
  const entries = zipEntries(buf);
  if (!entries) return undefined;
  const pkg = new Package();
  for (const e of entries) {
    const name = e.name.replace(/\\/g, '/').replace(/^\/+/, '');
    if (name === '' || name.endsWith('/')) continue;
    let read = false;
    let data: Buffer | undefined;
    const inflate = (): Buffer | undefined => {
      if (!read) [read, data] = [true, zipEntryData(buf, e)];
      return data;
    };
    pkg.add(name, { entry: e.name, data: inflate });
  }
  return pkg;
}

interface Walk {
  /** Each part that holds relationships ('' is the package itself), with them. */
  links: Map<string, Link[]>;
  /** The kind of each part reached (the last segment of the relationship type that reached it first). */
  kinds: Map<string, string>;
  /** Each part reached, with where Excel would put it. */
  homes: Map<string, Home>;
}

/** Follows the relationships from the package down; undefined when the main part is not a spreadsheet. */
function walkPackage(pkg: Package): Walk | undefined {
  if (pkg.find('_rels/.rels') === undefined) return undefined;
  const walk: Walk = { links: new Map(), kinds: new Map([['', 'package']]), homes: new Map() };
  const queue = [''];
  while (queue.length > 0) {
    const source = queue.shift()!;
    const xml = pkg.text(relsPathOf(source));
    if (xml === undefined) continue;
    const links = linksIn(xml, source, pkg);
    walk.links.set(source, links);
    const homes = HOMES[walk.kinds.get(source)!] ?? {};
    for (const link of links) {
      if (link.part === undefined || walk.kinds.has(link.part)) continue;
      walk.kinds.set(link.part, link.kind);
      const home = homes[link.kind];
      if (home) walk.homes.set(link.part, home);
      queue.push(link.part);
    }
  }
  const main = walk.links.get('')?.find((l) => l.kind === 'officeDocument')?.part;
  if (main === undefined || !WORKBOOK_TYPE.test(contentTypeOf(pkg, main) ?? '')) return undefined;
  return walk;
}

function linksIn(xml: string, source: string, pkg: Package): Link[] {
  const out: Link[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*?\/?>/g)) {
    const a = xmlAttributes(m[0].replace(/^<[\w:]+/, '').replace(/\/?>$/, ''));
    const target = a.get('Target');
    if (target === undefined) continue;
    const kind = (a.get('Type') ?? '').split('/').pop() ?? '';
    const external = a.get('TargetMode') === 'External';
    const part = external ? undefined : pkg.find(resolveTarget(source, decodeTarget(target)));
    out.push({ element: m[0], target, kind, ...(part !== undefined ? { part } : {}) });
  }
  return out;
}

function decodeTarget(target: string): string {
  const path = target.split('#')[0].replace(/\\/g, '/');
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

/** [Content_Types].xml: the Override for the part's name, else the Default for its extension. */
function contentTypeOf(pkg: Package, part: string): string | undefined {
  const xml = pkg.text(CONTENT_TYPES) ?? '';
  const ext = part.includes('.') ? part.slice(part.lastIndexOf('.') + 1).toLowerCase() : '';
  let byDefault: string | undefined;
  for (const m of xml.matchAll(/<(?:\w+:)?(Override|Default)\b([^>]*?)\/?>/g)) {
    const a = xmlAttributes(m[2]);
    if (m[1] === 'Override' && (a.get('PartName') ?? '').replace(/^\//, '').toLowerCase() === part.toLowerCase()) {
      return a.get('ContentType');
    }
    if (m[1] === 'Default' && (a.get('Extension') ?? '').toLowerCase() === ext) byDefault = a.get('ContentType');
  }
  return byDefault;
}

/** The new name of each part that is not where Excel would put it (and of any stranger in a fixed place). */
function planRenames(pkg: Package, walk: Walk): Map<string, string> {
  const renames = new Map<string, string>();
  const taken = new Set([...pkg.parts.keys()].map((n) => n.toLowerCase()));
  const claim = (from: string, to: string): void => {
    renames.set(from, to);
    taken.add(to.toLowerCase());
  };
  for (const [part, home] of walk.homes) {
    if ('fixed' in home) {
      if (part === home.fixed) continue;
      // A part that nothing reaches under the fixed name would be read in place of the real one.
      const stranger = pkg.find(home.fixed);
      if (stranger !== undefined && !walk.kinds.has(stranger))
        claim(
          stranger,
          freeName(taken, (n) => `${home.fixed}.unused${n}`),
        );
      claim(part, home.fixed);
    } else if (!home.accepts.test(part)) {
      const ext = /\.([a-zA-Z0-9]{3,4})$/.exec(part)?.[1] ?? 'bin';
      claim(
        part,
        freeName(taken, (n) => home.make(n, ext)),
      );
    }
  }
  // Parts that only moved folders in the zip (backslashes, a leading '/') keep their names.
  return renames;
}

function freeName(taken: Set<string>, make: (n: number) => string): string {
  for (let n = 1; ; n++) {
    const name = make(n);
    if (!taken.has(name.toLowerCase())) return name;
  }
}

/**
 * The relationships part with each internal target written relative to where its source now is.
 * A sheet's notes come before its note shapes: exceljs reads the shapes into the notes it has read.
 */
function retarget(xml: string, links: Link[], source: string, renames: Map<string, string>): string {
  let out = xml;
  for (const link of links) {
    if (link.part === undefined) continue;
    const wanted = relativeTarget(source, renames.get(link.part) ?? link.part);
    if (wanted === link.target) continue;
    out = out.replace(link.element, link.element.replace(/\bTarget\s*=\s*("[^"]*"|'[^']*')/, `Target="${escapeXml(wanted)}"`));
  }
  const comments = links.find((l) => l.kind === 'comments');
  const shapes = links.find((l) => l.kind === 'vmlDrawing');
  if (comments && shapes && xml.indexOf(shapes.element) < xml.indexOf(comments.element)) {
    const moved = retarget(comments.element, [comments], source, renames);
    out = out.replace(moved, '').replace(/(<(?:\w+:)?Relationships\b[^>]*>)/, `$1${moved}`);
  }
  return out;
}

/**
 * A note's text as runs. A note may hold its text in one plain <t> (openpyxl writes it so) or in
 * runs (<r><t>, as Excel does); exceljs reads only runs, and would read such a note as empty.
 * Phonetic runs (<rPh>) are left as they are.
 */
export function notesInRuns(xml: string): string {
  return xml.replace(/(<(?:\w+:)?text>)([\s\S]*?)(<\/(?:\w+:)?text>)/g, (_, open: string, inner: string, close: string) => {
    const wrapped = inner.replace(
      /(<((?:\w+:)?)(?:r|rPh)\b[\s\S]*?<\/\2(?:r|rPh)>)|(<((?:\w+:)?)t\b[^>]*?(?:\/>|>[\s\S]*?<\/\4t>))/g,
      (whole: string, run: string | undefined, _p: string, t: string | undefined, prefix: string | undefined) =>
        run !== undefined || t === undefined ? whole : `<${prefix ?? ''}r>${t}</${prefix ?? ''}r>`,
    );
    return `${open}${wrapped}${close}`;
  });
}

/** A target as Excel writes it: relative to the folder of the part that holds the relationship. */
export function relativeTarget(from: string, to: string): string {
  const fromDir = from.split('/').slice(0, -1);
  const steps = to.split('/');
  let same = 0;
  while (same < fromDir.length && same < steps.length - 1 && fromDir[same] === steps[same]) same++;
  const path = [...new Array<string>(fromDir.length - same).fill('..'), ...steps.slice(same)].join('/');
  return /^[\w./-]*$/.test(path) ? path : encodeURI(path);
}

/** [Content_Types].xml with each renamed part's Override renamed, and an Override for a part typed by a Default it no longer has. */
function retype(xml: string, renames: Map<string, string>): string {
  if (renames.size === 0) return xml;
  const lower = new Map([...renames].map(([from, to]) => [from.toLowerCase(), to]));
  const overridden = new Set<string>();
  let out = xml.replace(/<((?:\w+:)?)Override\b([^>]*?)(\/?)>/g, (whole, prefix: string, attrs: string, close: string) => {
    const a = xmlAttributes(attrs);
    const name = (a.get('PartName') ?? '').replace(/^\//, '').toLowerCase();
    const to = lower.get(name);
    if (to === undefined) return whole;
    overridden.add(name);
    return `<${prefix}Override PartName="/${escapeXml(to)}" ContentType="${escapeXml(a.get('ContentType') ?? '')}"${close}>`;
  });
  const defaults = new Map<string, string>();
  for (const m of xml.matchAll(/<(?:\w+:)?Default\b([^>]*?)\/?>/g)) {
    const a = xmlAttributes(m[1]);
    defaults.set((a.get('Extension') ?? '').toLowerCase(), a.get('ContentType') ?? '');
  }
  const extOf = (name: string): string => (name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '');
  const added: string[] = [];
  for (const [from, to] of lower) {
    if (overridden.has(from)) continue;
    const type = defaults.get(extOf(from));
    if (type !== undefined && defaults.get(extOf(to)) !== type) {
      added.push(`<Override PartName="/${escapeXml(to)}" ContentType="${escapeXml(type)}"/>`);
    }
  }
  if (added.length > 0) out = out.replace(/<\/((?:\w+:)?)Types>/, `${added.join('')}</$1Types>`);
  return out;
}
