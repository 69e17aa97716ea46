/**
 * Rewrites parts of a zip (an .xlsx) for tests, to put in a fixture what exceljs cannot write
 * itself: defined names that are constants, formulas or sheet-scoped, a hidden empty row.
 * Entries are written stored (uncompressed), which every zip reader accepts.
 */
import { crc32 } from 'node:zlib';
import { zipEntries, zipEntryData } from '../../runtime/xlsx/zip.js';

export function rewriteZip(buf: Buffer, edits: Record<string, (text: string) => string>): Buffer {
  const entries = zipEntries(buf);
  if (!entries) throw new Error('not a zip');
  const parts: [string, Buffer][] = entries.map((entry) => {
    const data = zipEntryData(buf, entry);
    if (!data) throw new Error(`cannot read ${entry.name}`);
    const edit = edits[entry.name];
    return [entry.name, edit ? Buffer.from(edit(data.toString('utf8')), 'utf8') : data];
  });
  return makeZip(parts);
}

/** A zip holding `parts` (name, content), stored. */
export function makeZip(parts: [string, Buffer | string][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [entryName, content] of parts) {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const name = Buffer.from(entryName, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The text of one part of a zip. */
export function zipText(buf: Buffer, name: string): string {
  const entry = zipEntries(buf)?.find((e) => e.name === name);
  const data = entry ? zipEntryData(buf, entry) : undefined;
  if (!data) throw new Error(`no ${name}`);
  return data.toString('utf8');
}
