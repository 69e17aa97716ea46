/**
 * Finding one's way in an .xlsx package without exceljs: which part is which sheet, and where a
 * relationship points (ECMA-376 Part 2, Open Packaging Conventions: a part's relationships are
 * in _rels/<part name>.rels beside it, their targets relative to the part's folder).
 */

export function decodeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-fA-F]+);/g, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
}

export function xmlAttributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of text.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out.set(a[1], decodeXml(a[2] ?? a[3] ?? ''));
  return out;
}

/** The relationships part of a part: xl/worksheets/sheet1.xml → xl/worksheets/_rels/sheet1.xml.rels. */
export function relsPathOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A relationship's target as a part name, from the part that holds it. */
export function resolveTarget(fromPart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = fromPart.split('/').slice(0, -1);
  for (const step of target.split('/')) {
    if (step === '..') parts.pop();
    else if (step !== '.' && step !== '') parts.push(step);
  }
  return parts.join('/');
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
}

export function relationshipsIn(relsXml: string): Relationship[] {
  const out: Relationship[] = [];
  for (const m of relsXml.matchAll(/<(?:\w+:)?Relationship\b([^>]*?)\/?>/g)) {
    const a = xmlAttributes(m[1]);
    const id = a.get('Id');
    const target = a.get('Target');
    if (id && target) out.push({ id, type: a.get('Type') ?? '', target });
  }
  return out;
}

/** The workbook's sheets in the order of <sheets>, each with its name and its part. */
export function sheetParts(read: (part: string) => string): { name: string; part: string }[] {
  const rels = new Map(relationshipsIn(read('xl/_rels/workbook.xml.rels')).map((r) => [r.id, resolveTarget('xl/workbook.xml', r.target)]));
  const out: { name: string; part: string }[] = [];
  for (const m of read('xl/workbook.xml').matchAll(/<(?:\w+:)?sheet\b([^>]*)\/?>/g)) {
    const a = xmlAttributes(m[1]);
    const rid = [...a.entries()].find(([k]) => /(^|:)id$/.test(k) && k !== 'sheetId')?.[1];
    out.push({ name: a.get('name') ?? '', part: (rid && rels.get(rid)) ?? '' });
  }
  return out;
}
