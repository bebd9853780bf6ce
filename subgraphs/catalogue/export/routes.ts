import type { Response, Router } from 'express';
import { ANONYMOUS } from '../../kernel/identity/caller';
import type { Db } from '../../kernel/platform/db';
import { JSON_LD_MEDIA_TYPE } from '../../kernel/reference/dcat';
import { ErrorCode } from '../../kernel/platform/errors';
import { catalogPublisherId } from '../config';
import type * as schema from '../db/schema';
import { catalogueForExport, datasetForExport, distributionForExport, seriesForExport, serviceForExport } from '../store/export';
import { catalogDocument, datasetDocument, distributionDocument, seriesDocument, serviceDocument } from './dcat';
import { loggerFor } from '../../kernel/platform/logger';
import { hanoiDate } from '../../kernel/platform/time';

/**
 * The DCAT-AP export as JSON-LD, for harvesters (the gateway forwards `/dcat/...` here, adds
 * the publishers' names and offers Turtle: gateway/dcat.ts). Each resource's IRI is its address:
 * - `/dcat/catalog.jsonld`: the whole catalogue;
 * - `/dcat/datasets/<id or identifier>.jsonld`, `/dcat/distributions/<id>.jsonld`,
 *   `/dcat/series/<id>.jsonld`, `/dcat/services/<id>.jsonld`: one resource each
 *   (the `.jsonld` suffix is optional).
 * Harvesters are anonymous (the gateway forwards no credential here), so the export holds what
 * an anonymous caller may see: published PUBLIC datasets (store/visibility.ts decides, as for
 * GraphQL), their distributions and series; anything else answers 404. IRIs come from
 * `PUBLIC_URL`, never from the request's headers.
 */
export function dcatRoutes(router: Router, db: Db<typeof schema>): void {
  const today = () => hanoiDate(new Date());
  const key = (raw: unknown) => String(raw).replace(/\.jsonld$/, '');
  router.get(['/dcat/catalog', '/dcat/catalog.jsonld'], async (_req, res) => {
    await respond(res, async () => catalogDocument(await catalogueForExport(db, ANONYMOUS, today()), { publisherId: catalogPublisherId() }));
  });
  router.get('/dcat/datasets/:key', async (req, res) => {
    await respond(res, async () => {
      const content = await datasetForExport(db, key(req.params.key), ANONYMOUS, today());
      return content && datasetDocument(content);
    });
  });
  router.get('/dcat/distributions/:key', async (req, res) => {
    await respond(res, async () => {
      const distribution = await distributionForExport(db, key(req.params.key), ANONYMOUS, today());
      return distribution && distributionDocument(distribution);
    });
  });
  router.get('/dcat/series/:key', async (req, res) => {
    await respond(res, async () => {
      const series = await seriesForExport(db, key(req.params.key), ANONYMOUS, today());
      return series && seriesDocument(series);
    });
  });
  router.get('/dcat/services/:key', async (req, res) => {
    await respond(res, async () => {
      const found = await serviceForExport(db, key(req.params.key), ANONYMOUS, today());
      return found && serviceDocument(found.service, found.content);
    });
  });
}

async function respond(res: Response, build: () => Promise<object | null>): Promise<void> {
  try {
    const document = await build();
    if (!document) {
      res.status(404).json({ errors: [{ message: 'Nothing public in the catalogue has that id or identifier', extensions: { code: ErrorCode.NotFound } }] });
      return;
    }
    res.type(JSON_LD_MEDIA_TYPE).send(JSON.stringify(document));
  } catch (error) {
    loggerFor('catalogue').error({ err: error }, 'DCAT export failed');
    res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: ErrorCode.Internal } }] });
  }
}
