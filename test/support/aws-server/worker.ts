/**
 * Runs the local AWS server in a worker thread, so that its CPU time does not delay the client
 * under test (the benchmark measures the client's pacing, as against a remote AWS).
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { startAwsServer, type AwsServerOptions, type CallRecord } from './server.js';

interface Handle {
  url: string;
  h2Url: string;
  calls: () => Promise<CallRecord[]>;
  close: () => Promise<void>;
}

type Reply = { kind: 'ready'; url: string; h2Url: string } | { kind: 'calls'; calls: CallRecord[] } | { kind: 'closed' };

export async function startAwsServerInWorker(options: AwsServerOptions): Promise<Handle> {
  // The worker loads this same TypeScript file, so it registers tsx's loader first.
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const worker = new Worker(bootstrap, { eval: true, workerData: options });
  const next = (kind: Reply['kind']) =>
    new Promise<Reply>((resolve, reject) => {
      const onMessage = (m: Reply) => {
        if (m.kind !== kind) return;
        worker.off('message', onMessage);
        worker.off('error', reject);
        resolve(m);
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
  const ready = (await next('ready')) as Extract<Reply, { kind: 'ready' }>;
  return {
    url: ready.url,
    h2Url: ready.h2Url,
    calls: async () => {
      const reply = next('calls');
      worker.postMessage('calls');
      return ((await reply) as Extract<Reply, { kind: 'calls' }>).calls;
    },
    close: async () => {
      const reply = next('closed');
      worker.postMessage('close');
      await reply;
      await worker.terminate();
    },
  };
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  const server = await startAwsServer(workerData as AwsServerOptions);
  port.on('message', (m: string) => {
    if (m === 'calls') port.postMessage({ kind: 'calls', calls: server.calls } satisfies Reply);
    if (m === 'close') void server.close().then(() => port.postMessage({ kind: 'closed' } satisfies Reply));
  });
  port.postMessage({ kind: 'ready', url: server.url, h2Url: server.h2Url } satisfies Reply);
}
