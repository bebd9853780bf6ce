import path from 'node:path';
import { Worker } from 'node:worker_threads';
import jsonld from 'jsonld';
import { Parser, Store, Writer } from 'n3';

/**
 * Validation of export documents against the official DCAT-AP SHACL shapes, kept in
 * fixtures/dcat-ap (see its SOURCE.md): JSON-LD to RDF with jsonld (no remote document is
 * ever loaded), then rdf-validate-shacl in a worker thread (shacl-worker.mjs): it ships ES
 * modules only, which Node loads natively there, and validating takes seconds of CPU that
 * must not stall the gateway running in the test's own event loop.
 */
export const DCAT_AP_VERSIONS = ['3.0.0', '3.0.1'] as const;
export type DcatApVersion = (typeof DCAT_AP_VERSIONS)[number];

export interface Violation {
  focusNode: string;
  path: string | null;
  message: string;
  shape: string;
}

type Reply = { id: number; violations: Violation[] } | { id: number; error: string };

const workers = new Map<DcatApVersion, Worker>();
const pending = new Map<number, { resolve: (violations: Violation[]) => void; reject: (error: Error) => void }>();
let nextId = 0;

function workerFor(version: DcatApVersion): Worker {
  const known = workers.get(version);
  if (known) return known;
  const worker = new Worker(path.join(__dirname, 'shacl-worker.mjs'), {
    workerData: { shapesPath: path.join(__dirname, 'fixtures', 'dcat-ap', `dcat-ap-${version}-SHACL.ttl`) },
  });
  worker.on('message', (reply: Reply) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if ('error' in reply) waiting?.reject(new Error(reply.error));
    else waiting?.resolve(reply.violations);
  });
  worker.unref();
  workers.set(version, worker);
  return worker;
}

/** Stops the validation workers (call in `afterAll`). */
export async function closeValidators(): Promise<void> {
  await Promise.all([...workers.values()].map((worker) => worker.terminate()));
  workers.clear();
}

/** The RDF of a JSON-LD document; a remote context or a dropped term fails. */
export async function jsonLdToStore(document: object): Promise<Store> {
  // `safe`: a term the context does not declare fails instead of silently vanishing (not in @types/jsonld).
  const options: jsonld.Options.ToRdf & { safe: boolean } = {
    format: 'application/n-quads',
    safe: true,
    documentLoader: async (url: string) => {
      throw new Error(`Test documents load nothing from the network (${url})`);
    },
  };
  const nquads = await jsonld.toRDF(document, options);
  return new Store(new Parser({ format: 'N-Quads' }).parse(String(nquads)));
}

/** The shapes' violations (every severity) for `data`. */
export function violations(data: Store, version: DcatApVersion): Promise<Violation[]> {
  const writer = new Writer({ format: 'N-Quads' });
  writer.addQuads(data.getQuads(null, null, null, null));
  return new Promise((resolve, reject) => {
    writer.end((error, nquads: string) => {
      if (error) return reject(error);
      const id = nextId++;
      pending.set(id, { resolve, reject });
      workerFor(version).postMessage({ id, nquads });
    });
  });
}
