// Finds forbidden strings in every file of a folder, looking inside what a plain grep cannot:
// zip archives (blob reports, traces) and base64 data URIs (Playwright's HTML report embeds its
// data as a base64 zip), recursively.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { inflateRawSync } from 'node:zlib';

export type Needle = { name: string; pattern: RegExp };
export type Hit = { where: string; needle: string; excerpt: string };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DATA_URI = /base64,([A-Za-z0-9+/]{16,}={0,2})/g;
/** A quoted base64 string, as JSON reports hold binary attachment bodies. */
const QUOTED_BASE64 = /"([A-Za-z0-9+/]{40,}={0,2})"/g;

export function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

export function scanFolder(dir: string, needles: Needle[]): { files: number; hits: Hit[] } {
  const files = listFiles(dir);
  const hits = files.flatMap((file) => scanBuffer(readFileSync(file), relative(dir, file), needles));
  return { files: files.length, hits };
}

export function scanBuffer(data: Buffer, where: string, needles: Needle[]): Hit[] {
  if (isZip(data)) return zipEntries(data, where).flatMap(([name, body]) => scanBuffer(body, `${where}!${name}`, needles));
  // latin1 maps each byte to one character, so ASCII needles are found in any file, binary or not.
  const text = data.toString('latin1');
  const hits = needles.flatMap(({ name, pattern }) =>
    [...text.matchAll(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`))].map((m) => ({
      where,
      needle: name,
      excerpt: text.slice(Math.max(0, (m.index ?? 0) - 40), (m.index ?? 0) + m[0].length + 40),
    })));
  const encoded = [...text.matchAll(DATA_URI), ...text.matchAll(QUOTED_BASE64)];
  const embedded = encoded.flatMap((m, i) => scanBuffer(Buffer.from(m[1] ?? '', 'base64'), `${where}#base64-${i}`, needles));
  return [...hits, ...embedded];
}

function isZip(data: Buffer): boolean {
  return data.length >= 22 && data.readUInt32LE(0) === LOCAL;
}

/** The entries of a zip (stored or deflated), read from its central directory. */
export function zipEntries(zip: Buffer, where = 'zip'): [string, Buffer][] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || zip.readUInt32LE(eocd) !== EOCD) throw new Error(`${where}: no zip end record`);
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries: [string, Buffer][] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== CENTRAL) throw new Error(`${where}: bad central directory entry ${i}`);
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + size);
    if (method !== 0 && method !== 8) throw new Error(`${where}: ${name} uses zip method ${method}, which this scanner cannot read`);
    entries.push([name, method === 8 ? inflateRawSync(raw) : raw]);
    at += 46 + skip;
  }
  return entries;
}
