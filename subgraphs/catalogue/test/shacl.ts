import { readFileSync } from 'node:fs';
import path from 'node:path';
import jsonld from 'jsonld';
import { Parser, Store } from 'n3';

// rdf-validate-shacl ships ES modules only and Jest's loader runs this file as CommonJS, so the
// validator comes through Node's own require (which loads ES modules since Node 20.19).
type ShaclModule = typeof import('rdf-validate-shacl');
const { default: SHACLValidator }: ShaclModule = process.getBuiltinModule('node:module').createRequire(__filename)('rdf-validate-shacl');

/**
 * Validation of export documents against the official DCAT-AP SHACL shapes, kept in
 * fixtures/dcat-ap (see its SOURCE.md): JSON-LD to RDF with jsonld (no remote document is
 * ever loaded), then rdf-validate-shacl over an n3 store.
 */
export const DCAT_AP_VERSIONS = ['3.0.0', '3.0.1'] as const;
export type DcatApVersion = (typeof DCAT_AP_VERSIONS)[number];

const shapes = new Map<DcatApVersion, Store>();

function shapesOf(version: DcatApVersion): Store {
  const cached = shapes.get(version);
  if (cached) return cached;
  const turtle = readFileSync(path.join(__dirname, 'fixtures', 'dcat-ap', `dcat-ap-${version}-SHACL.ttl`), 'utf8');
  const store = new Store(new Parser({ format: 'Turtle' }).parse(turtle));
  shapes.set(version, store);
  return store;
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

export interface Violation {
  focusNode: string;
  path: string | null;
  message: string;
  shape: string;
}

/** The shapes' violations (every severity) for `data`. */
export async function violations(data: Store, version: DcatApVersion): Promise<Violation[]> {
  const report = await new SHACLValidator(shapesOf(version)).validate(data);
  return report.results.map((result) => ({
    focusNode: result.focusNode?.value ?? '',
    path: result.path?.value ?? null,
    message: result.message.map((message) => message.value).join('; '),
    shape: result.sourceShape?.value ?? '',
  }));
}
