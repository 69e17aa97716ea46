/**
 * Blob: bytes with a content type and a name, as Utilities.newBlob makes them and
 * DriveApp's Folder.createFile(blob) takes them.
 *
 * https://developers.google.com/apps-script/reference/base/blob (getBytes, getContentType,
 *   getName, setName, setContentType, getDataAsString)
 * https://developers.google.com/apps-script/reference/utilities/utilities#newBlob(Byte,String,String)
 * Bytes handed to the script are Java bytes (-128..127), as Apps Script's are.
 */
import type { ServiceEnv } from '../sandbox.js';

export interface BlobData {
  bytes: Buffer;
  contentType: string | null;
  name: string | null;
}

const blobs = new WeakMap<object, BlobData>();

/** The bytes, type and name behind a Blob the script holds, if it is one. */
export function blobDataOf(value: unknown): BlobData | undefined {
  return typeof value === 'object' && value !== null ? blobs.get(value) : undefined;
}

export function toSignedBytes(buf: Uint8Array): number[] {
  return Array.from(buf, (b) => (b > 127 ? b - 256 : b));
}

/** A string (UTF-8) or a byte array, as Utilities and Blob take them. */
export function bytesOf(data: unknown): Buffer | undefined {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (Array.isArray(data) && data.every((b) => typeof b === 'number')) return Buffer.from(data.map((b: number) => b & 0xff));
  return undefined;
}

export function makeBlob(env: ServiceEnv, data: BlobData): object {
  const blob = {
    getBytes(): number[] {
      env.enter('Blob.getBytes');
      return env.array(toSignedBytes(data.bytes));
    },
    getDataAsString(): string {
      env.enter('Blob.getDataAsString');
      return data.bytes.toString('utf8');
    },
    getContentType(): string | null {
      env.enter('Blob.getContentType');
      return data.contentType;
    },
    setContentType(contentType: unknown): object {
      env.enter('Blob.setContentType');
      data.contentType = contentType === null ? null : String(contentType);
      return blob;
    },
    getName(): string | null {
      env.enter('Blob.getName');
      return data.name;
    },
    setName(name: unknown): object {
      env.enter('Blob.setName');
      data.name = String(name);
      return blob;
    },
    getBlob(): object {
      env.enter('Blob.getBlob');
      return blob;
    },
  };
  blobs.set(blob, data);
  return blob;
}
