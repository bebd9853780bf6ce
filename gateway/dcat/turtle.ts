import { createHash } from 'node:crypto';
import jsonld from 'jsonld';
import { Parser, Writer } from 'n3';
import { DCAT_CONTEXT, type JsonLdDocument } from '../../subgraphs/kernel/reference/dcat';

/**
 * Turtle of an export document, for the many harvesters that read it rather than JSON-LD:
 * JSON-LD to N-Quads (jsonld), then N-Quads to Turtle with the context's prefixes (n3). The
 * context is inline, so nothing is fetched; a document naming a remote context is refused.
 */
export async function toTurtle(document: JsonLdDocument): Promise<string> {
  const nquads = (await jsonld.toRDF(document as jsonld.JsonLdDocument, {
    format: 'application/n-quads',
    documentLoader: refuseRemoteDocuments,
  })) as unknown;
  if (typeof nquads !== 'string') throw new Error('jsonld.toRDF did not return N-Quads');
  const writer = new Writer({ prefixes: { ...DCAT_CONTEXT } });
  writer.addQuads(new Parser({ format: 'N-Quads' }).parse(nquads));
  return new Promise((resolve, reject) => writer.end((error, result: string) => (error ? reject(error) : resolve(result))));
}

/** Recent conversions by the SHA-256 of their JSON-LD: an unchanged catalogue is converted once, not per harvester. */
const recent = new Map<string, Promise<string>>();
const RECENT_LIMIT = 16;

/** `toTurtle` of `document`, whose JSON text is `json`, remembered while the text stays the same. */
export function toTurtleRemembered(document: JsonLdDocument, json: string): Promise<string> {
  const key = createHash('sha256').update(json).digest('hex');
  const known = recent.get(key);
  if (known) return known;
  const converted = toTurtle(document);
  recent.set(key, converted);
  converted.catch(() => recent.delete(key));
  if (recent.size > RECENT_LIMIT) recent.delete(recent.keys().next().value!);
  return converted;
}

async function refuseRemoteDocuments(url: string): Promise<never> {
  throw new Error(`The export does not load remote JSON-LD documents (${url})`);
}
