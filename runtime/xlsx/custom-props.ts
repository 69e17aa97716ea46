/**
 * A workbook's custom document properties (docProps/custom.xml), where the local runner keeps
 * what Apps Script keeps in PropertiesService.getDocumentProperties(): they belong to the file,
 * as Google keeps them with the spreadsheet, so a job run on the .xlsx a previous run wrote finds
 * them again (Duban's durable counters). exceljs neither reads nor writes this part: it is read
 * from the package here and added to what exceljs wrote, with its relationship and content type.
 */
import JSZip from 'jszip';
import { decodeXml } from './parts.js';
import { zipEntries, zipEntryData } from './zip.js';

const PART = 'docProps/custom.xml';
const CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.custom-properties+xml';
const REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties';
/** The format id every custom property carries (ECMA-376 Part 1, 22.3.2.2). */
const FMTID = '{D5CDD505-2E9C-101B-9397-08002B2CF9AE}';

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The custom properties of an .xlsx package, as text (every value type read as its text). */
export function readCustomProperties(buf: Buffer): Record<string, string> {
  const entry = zipEntries(buf)?.find((e) => e.name === PART);
  const data = entry ? zipEntryData(buf, entry) : undefined;
  if (!data) return {};
  const out: Record<string, string> = {};
  for (const m of data.toString('utf8').matchAll(/<property\b[^>]*\bname="([^"]*)"[^>]*>\s*<vt:\w+>([\s\S]*?)<\/vt:\w+>\s*<\/property>/g)) {
    out[decodeXml(m[1]!)] = decodeXml(m[2]!);
  }
  return out;
}

export function customPropertiesXml(props: Record<string, string>): string {
  const items = Object.entries(props).map(
    ([k, v], i) => `<property fmtid="${FMTID}" pid="${i + 2}" name="${escapeXml(k)}"><vt:lpwstr>${escapeXml(v)}</vt:lpwstr></property>`,
  );
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" ' +
    `xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">${items.join('')}</Properties>`
  );
}

/** The package with its custom properties set to `props` (the part, its relationship, its content type). */
export async function withCustomProperties(xlsx: Buffer, props: Record<string, string>, level: number): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  zip.file(PART, customPropertiesXml(props));
  const types = (await zip.file('[Content_Types].xml')?.async('string')) ?? '';
  if (!types.includes(`PartName="/${PART}"`)) {
    zip.file('[Content_Types].xml', types.replace('</Types>', `<Override PartName="/${PART}" ContentType="${CONTENT_TYPE}"/></Types>`));
  }
  const rels = (await zip.file('_rels/.rels')?.async('string')) ?? '';
  if (!rels.includes(REL_TYPE)) {
    zip.file(
      '_rels/.rels',
      rels.replace('</Relationships>', `<Relationship Id="rIdDubanCustom" Type="${REL_TYPE}" Target="${PART}"/></Relationships>`),
    );
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level } });
}
