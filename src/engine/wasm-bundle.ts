/**
 * Reads an OPA bundle built with `opa build -t wasm` (a tar.gz holding /policy.wasm, /data.json,
 * /.manifest and the .rego sources) or a bare policy.wasm, with guard rails: a size limit on the
 * file and on what it unpacks to, no links, no paths that leave the bundle.
 */
import { readFile, stat } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { posix } from 'node:path';
import { Readable } from 'node:stream';
import tarStream from 'tar-stream';
import { ScvGuardError } from '../errors.js';
import { parseJson } from '../input/json.js';
import { decodeUtf8 } from '../input/read.js';
import { getOwn, setOwn } from '../own-properties.js';
import { escapeControlChars } from '../text/control-chars.js';

export interface WasmBundle {
  /** The bundle file as given. */
  file: string;
  wasm: Uint8Array;
  /** Base documents from every data.json, placed at their folder's path. */
  data: Record<string, unknown>;
  /** Parsed /.manifest, when the bundle has one. */
  manifest: Record<string, unknown> | null;
  /** .rego sources shipped in the bundle (their METADATA is the rule catalog when present). */
  regoFiles: { file: string; text: string }[];
}

export interface BundleLimits {
  /** Largest bundle file accepted, in bytes. */
  maxFileBytes: number;
  /** Largest total size of the unpacked entries, in bytes. */
  maxUnpackedBytes: number;
}

export const DEFAULT_BUNDLE_LIMITS: BundleLimits = {
  maxFileBytes: 64 * 1024 * 1024,
  maxUnpackedBytes: 256 * 1024 * 1024,
};

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];
const GZIP_MAGIC = [0x1f, 0x8b];

function startsWith(buf: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => buf[i] === b);
}

function bundleError(file: string, message: string): ScvGuardError {
  return new ScvGuardError('bundle', message, { file });
}

/** An entry name as errors show it: quoted, control characters as visible escapes. */
function entryLabel(name: string): string {
  return `"${escapeControlChars(name)}"`;
}

/**
 * Folder names that are not data paths. In OPA they would be ordinary path segments, but a folder
 * name is no JSON key: a bundle that places a document at `data.__proto__` (or under
 * `constructor`/`prototype`) is refused rather than loaded. Keys inside a data.json stay ordinary.
 */
const PROTOTYPE_SEGMENTS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export async function readWasmBundle(file: string, limits: BundleLimits = DEFAULT_BUNDLE_LIMITS): Promise<WasmBundle> {
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw bundleError(file, 'expected a bundle file (.tar.gz) or a policy.wasm, found a folder');
    if (info.size > limits.maxFileBytes) {
      throw bundleError(file, `bundle is ${info.size} bytes, over the limit of ${limits.maxFileBytes} bytes`);
    }
    bytes = await readFile(file);
  } catch (err) {
    if (err instanceof ScvGuardError) throw err;
    throw new ScvGuardError('input-read', `cannot read bundle: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, {
      file,
    });
  }
  if (startsWith(bytes, WASM_MAGIC)) {
    return { file, wasm: bytes, data: {}, manifest: null, regoFiles: [] };
  }
  if (!startsWith(bytes, GZIP_MAGIC)) {
    throw bundleError(file, 'expected a gzip-compressed tar bundle or a WebAssembly module (no gzip or wasm magic bytes)');
  }
  let tar: Buffer;
  try {
    tar = gunzipSync(bytes, { maxOutputLength: limits.maxUnpackedBytes });
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE'
      ? `unpacks to more than the limit of ${limits.maxUnpackedBytes} bytes`
      : `corrupt gzip data (${(err as Error).message})`;
    throw bundleError(file, reason);
  }
  return unpackTar(file, tar);
}

/** A bundle path without its leading slash; refuses anything that could leave the bundle. */
export function safeEntryName(file: string, name: string): string {
  const cleaned = name.replace(/^\/+/, '').replace(/^\.\//, '');
  const normalized = posix.normalize(cleaned);
  if (normalized.startsWith('..') || posix.isAbsolute(normalized) || name.includes('\0') || /(^|\/)\.\.(\/|$)/.test(name)) {
    throw bundleError(file, `entry ${entryLabel(name)} points outside the bundle`);
  }
  return normalized;
}

async function unpackTar(file: string, tar: Buffer): Promise<WasmBundle> {
  const entries = new Map<string, Buffer>();
  const extract = tarStream.extract();
  const done = new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, stream, next) => {
      if (header.type !== 'file' && header.type !== 'directory') {
        stream.resume();
        reject(bundleError(file, `entry ${entryLabel(header.name)} is a ${header.type}; bundles may hold only files and folders`));
        return;
      }
      let name: string;
      try {
        name = safeEntryName(file, header.name);
      } catch (err) {
        stream.resume();
        reject(err);
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => {
        chunks.push(c as Buffer);
      });
      stream.on('end', () => {
        if (header.type === 'file') entries.set(name, Buffer.concat(chunks));
        next();
      });
      stream.on('error', reject);
    });
    extract.on('finish', resolve);
    extract.on('error', (err: Error) => reject(bundleError(file, `corrupt tar archive (${err.message})`)));
  });
  Readable.from([tar]).pipe(extract);
  await done;

  const wasm = entries.get('policy.wasm');
  if (!wasm) {
    const names = [...entries.keys()].sort().map(escapeControlChars).join(', ') || 'nothing';
    throw bundleError(file, `bundle has no /policy.wasm (it holds: ${names}); build it with \`opa build -t wasm -e scv/rules\``);
  }
  const data: Record<string, unknown> = {};
  let manifest: Record<string, unknown> | null = null;
  const regoFiles: { file: string; text: string }[] = [];
  for (const [name, content] of [...entries].sort(([a], [b]) => a.localeCompare(b))) {
    if (name === '.manifest') manifest = parseJsonEntry(file, name, content);
    else if (posix.basename(name) === 'data.json') placeData(data, dataPath(file, name), parseJsonEntry(file, name, content));
    else if (name.endsWith('.rego')) regoFiles.push({ file: `${file}#/${name}`, text: decodeUtf8(content, `${file}#/${escapeControlChars(name)}`) });
  }
  return { file, wasm, data, manifest, regoFiles };
}

/**
 * A JSON entry, read like every JSON input (strict UTF-8, located syntax errors, duplicate keys,
 * depth and string limits); errors name it as `<bundle>#/<entry>`.
 */
function parseJsonEntry(file: string, name: string, content: Buffer): Record<string, unknown> {
  const where = `${file}#/${escapeControlChars(name)}`;
  const parsed = parseJson(decodeUtf8(content, where), where).value;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw bundleError(file, `/${escapeControlChars(name)} must hold a JSON object`);
  }
  return parsed as Record<string, unknown>;
}

/** The data path of a data.json entry's folder; a `__proto__`/`constructor`/`prototype` segment is refused. */
function dataPath(file: string, name: string): string[] {
  const dir = posix.dirname(name);
  const segments = dir === '.' ? [] : dir.split('/');
  const refused = segments.find((seg) => PROTOTYPE_SEGMENTS.has(seg));
  if (refused !== undefined) {
    throw bundleError(
      file,
      `entry ${entryLabel(`/${name}`)}: a data path may not have a "${refused}" segment (a folder name is not a data key; put such keys inside a data.json)`,
    );
  }
  return segments;
}

/** data.json in folder a/b holds the document at data.a.b (segments checked by dataPath). */
function placeData(root: Record<string, unknown>, segments: readonly string[], doc: Record<string, unknown>): void {
  let node = root;
  for (const seg of segments) {
    const child = getOwn(node, seg);
    if (child === undefined || child === null || typeof child !== 'object') setOwn(node, seg, {});
    node = getOwn(node, seg) as Record<string, unknown>;
  }
  for (const [key, value] of Object.entries(doc)) setOwn(node, key, value);
}
