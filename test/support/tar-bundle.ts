/** Builds OPA-style tar.gz bundles in memory for tests. */
import { gzipSync } from 'node:zlib';
import tarStream from 'tar-stream';

export interface TarEntry {
  name: string;
  content?: string | Uint8Array;
  type?: 'file' | 'directory' | 'symlink';
  linkname?: string;
}

export async function makeTarGz(entries: TarEntry[]): Promise<Buffer> {
  const pack = tarStream.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c: unknown) => {
    chunks.push(c as Buffer);
  });
  const finished = new Promise<void>((resolve, reject) => {
    pack.on('end', resolve);
    pack.on('error', reject);
  });
  for (const e of entries) {
    const type = e.type ?? 'file';
    if (type === 'file') {
      const body = typeof e.content === 'string' ? Buffer.from(e.content) : Buffer.from(e.content ?? new Uint8Array());
      pack.entry({ name: e.name, type }, body);
    } else {
      pack.entry({ name: e.name, type, linkname: e.linkname });
    }
  }
  pack.finalize();
  await finished;
  return gzipSync(Buffer.concat(chunks));
}
