import type { Express, Request, Response } from 'express';
import { DCAT_CONTEXT, DCAT_PATH, JSON_LD_MEDIA_TYPE, TURTLE_MEDIA_TYPE, type JsonLdDocument } from '../../subgraphs/kernel/reference/dcat';
import { ErrorCode } from '../../subgraphs/kernel/platform/errors';
import { publisherDocument, withPublishers, type FindPublishers } from './publishers';
import { toTurtleRemembered } from './turtle';
import { loggerFor } from '../../subgraphs/kernel/platform/logger';

export interface DcatOptions {
  /** The catalogue subgraph's origin, which serves the catalogue's own resources as JSON-LD. */
  catalogueOrigin: string;
  findPublishers: FindPublishers;
  timeoutMs: number;
}

type Format = 'jsonld' | 'turtle';
const MEDIA_TYPES: Record<Format, string> = { jsonld: JSON_LD_MEDIA_TYPE, turtle: TURTLE_MEDIA_TYPE };

/**
 * The DCAT-AP export on the public URL: every IRI the export uses for its own resources
 * answers here (catalogue, datasets, distributions, series, services from the catalogue
 * subgraph; publishers from the graph, since organisations live in the programmes subgraph).
 * `.jsonld` or `.ttl` picks the format; without a suffix the `Accept` header does
 * (`text/turtle` or JSON-LD, the default). The request's `Host` and `X-Forwarded-*` headers are
 * not passed on: links come from `PUBLIC_URL` only.
 */
export function mountDcat(app: Express, options: DcatOptions): void {
  app.get(`${DCAT_PATH}/publishers/:key`, (req, res) => {
    void answer(req, res, async () => {
      const id = stripSuffix(String(req.params.key));
      if (!/^[0-9a-f-]{36}$/i.test(id)) return notFound();
      const publisher = (await options.findPublishers([id])).get(id);
      return publisher ? { status: 200, document: publisherDocument(DCAT_CONTEXT, publisher) } : notFound();
    });
  });
  app.get(`${DCAT_PATH}/*path`, (req, res) => {
    void answer(req, res, async () => {
      if (!CATALOGUE_RESOURCE.test(req.path)) return notFound();
      const upstream = await fetch(`${options.catalogueOrigin}${stripSuffix(req.path)}.jsonld`, {
        headers: { accept: JSON_LD_MEDIA_TYPE, ...(req.get('x-request-id') ? { 'x-request-id': req.get('x-request-id')! } : {}) },
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      if (upstream.status !== 200) return { status: upstream.status, error: await upstream.text() };
      const document = (await upstream.json()) as JsonLdDocument;
      return { status: 200, document: await withPublishers(document, options.findPublishers) };
    });
  });
}

type Answer = { status: number; document: JsonLdDocument } | { status: number; error: string };

const notFound = (): Answer => ({
  status: 404,
  error: JSON.stringify({ errors: [{ message: 'Nothing public in the catalogue has that id or identifier', extensions: { code: ErrorCode.NotFound } }] }),
});

/** The catalogue's resources (ids and identifiers are letters, digits and hyphens): nothing else is forwarded. */
const CATALOGUE_RESOURCE = new RegExp(`^${DCAT_PATH}/(catalog|(datasets|distributions|series|services)/[A-Za-z0-9-]+)(\\.jsonld|\\.ttl)?$`);

const stripSuffix = (path: string) => path.replace(/\.(jsonld|ttl)$/, '');

/** `.ttl` / `.jsonld` decide; otherwise the Accept header (JSON-LD when it allows anything). */
function requestedFormat(req: Request): Format | null {
  if (req.path.endsWith('.ttl')) return 'turtle';
  if (req.path.endsWith('.jsonld')) return 'jsonld';
  const accepted = req.accepts([JSON_LD_MEDIA_TYPE, TURTLE_MEDIA_TYPE, 'application/json']);
  return accepted === TURTLE_MEDIA_TYPE ? 'turtle' : accepted ? 'jsonld' : null;
}

async function answer(req: Request, res: Response, build: () => Promise<Answer>): Promise<void> {
  const format = requestedFormat(req);
  res.vary('Accept');
  if (!format) {
    res
      .status(406)
      .json({ errors: [{ message: `The export is served as ${JSON_LD_MEDIA_TYPE} or ${TURTLE_MEDIA_TYPE}`, extensions: { code: ErrorCode.BadRequest } }] });
    return;
  }
  try {
    const result = await build();
    if ('error' in result) {
      res.status(result.status).type('application/json').send(result.error);
      return;
    }
    const json = JSON.stringify(result.document);
    const body = format === 'turtle' ? await toTurtleRemembered(result.document, json) : json;
    res.status(result.status).type(MEDIA_TYPES[format]).send(body);
  } catch (error) {
    loggerFor('gateway').error({ err: error }, 'DCAT export failed');
    res
      .status(503)
      .json({ errors: [{ message: 'The catalogue service is unavailable', extensions: { code: ErrorCode.ServiceUnavailable, service: 'catalogue' } }] });
  }
}
