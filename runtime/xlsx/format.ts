/**
 * Telling an .xlsx workbook from everything else a person may hand the runner (an old .xls, an
 * .ods, a .docx, a password-protected file, a CSV renamed .xlsx), with one sentence that says
 * what the file is and what to do, instead of whatever exceljs throws.
 */
import { looksLikeZip, type ZipEntry, zipEntries, zipEntryData } from './zip.js';

/** The file handed to importXlsx is not an .xlsx workbook; the message is meant for a person. */
export class WorkbookFormatError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file} is not an .xlsx workbook: ${reason}`);
    this.name = 'WorkbookFormatError';
  }
}

const SAVE_AS = 'open it in Excel, WPS or LibreOffice and save it as an Excel workbook (.xlsx)';
/** Compound File Binary (OLE2): the container of .xls files and of password-protected Office files. */
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** The stream name that an encrypted OOXML file carries inside its OLE2 container (MS-OFFCRYPTO 2.3.1). */
const ENCRYPTION_INFO = Buffer.from('EncryptionInfo', 'utf16le');

/** Why the bytes are not an .xlsx workbook, or undefined when they look like one. */
export function notXlsxReason(buf: Buffer): string | undefined {
  if (buf.length === 0) return 'the file is empty';
  if (buf.subarray(0, 8).equals(OLE2)) {
    if (buf.includes(ENCRYPTION_INFO)) return `it is protected by a password, so it is encrypted; ${SAVE_AS} without a password`;
    return `it is an Excel 97-2003 workbook (.xls) or another old Office file; ${SAVE_AS}`;
  }
  if (!looksLikeZip(buf)) {
    const head = buf.subarray(0, 512).toString('utf8').trimStart();
    if (head.startsWith('<')) return `it is an HTML or XML file, not the zip archive an .xlsx file is; ${SAVE_AS}`;
    return `it is not the zip archive an .xlsx file is (it may be a CSV or text file renamed); ${SAVE_AS}`;
  }
  const entries = zipEntries(buf);
  if (!entries) return 'it is a damaged zip archive (its table of contents cannot be read)';
  const names = new Set(entries.map((e) => e.name));
  const mimetype = entries.find((e) => e.name === 'mimetype');
  if (mimetype) {
    const type = text(buf, mimetype);
    if (type.includes('opendocument.spreadsheet')) return `it is an OpenDocument spreadsheet (.ods); ${SAVE_AS}`;
    if (type.includes('opendocument')) return 'it is an OpenDocument file (a text document or a presentation), not a spreadsheet';
  }
  if (names.has('word/document.xml')) return 'it is a Word document (.docx), not a spreadsheet';
  if (names.has('ppt/presentation.xml')) return 'it is a PowerPoint presentation (.pptx), not a spreadsheet';
  if (names.has('xl/workbook.bin')) return `it is an Excel binary workbook (.xlsb); ${SAVE_AS}`;
  if (!names.has('xl/workbook.xml')) return 'it is a zip archive with no Excel workbook in it';
  // exceljs would write the macros away and Excel refuses an .xlsm whose content is an .xlsx.
  const types = entries.find((e) => e.name === '[Content_Types].xml');
  if (names.has('xl/vbaProject.bin') || (types && text(buf, types).includes('macroEnabled'))) {
    return `it is a macro-enabled workbook (.xlsm), whose macros would be lost; ${SAVE_AS}`;
  }
  return undefined;
}

function text(buf: Buffer, entry: ZipEntry): string {
  return zipEntryData(buf, entry)?.toString('utf8') ?? '';
}

/** Throws WorkbookFormatError unless the bytes look like an .xlsx workbook. */
export function checkXlsx(buf: Buffer, file: string): void {
  const reason = notXlsxReason(buf);
  if (reason !== undefined) throw new WorkbookFormatError(file, reason);
}
