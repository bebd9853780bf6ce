import type { Request, Response, Router } from 'express';
import { ANONYMOUS } from '../../kernel/caller';
import type { Db } from '../../kernel/db';
import { ErrorCode } from '../../kernel/errors';
import type * as schema from '../db/schema';
import { vietnamDate } from '../rules/decree47';
import { catalogueForExport, datasetForExport } from '../store/export';
import { catalogDocument, datasetDocument, JSON_LD_MEDIA_TYPE } from './dcat';

/**
 * The DCAT-AP export over plain HTTP, for harvesters:
 * - `GET /dcat/catalog.jsonld` (or `/dcat/catalog`): the whole catalogue;
 * - `GET /dcat/datasets/<id or identifier>.jsonld` (or without `.jsonld`): one dataset.
 * Harvesters are anonymous (the gateway forwards no credential here), so the export holds what
 * an anonymous caller may see: published PUBLIC datasets (store/visibility.ts decides, as for
 * GraphQL); drafts, RESTRICTED, INTERNAL and withdrawn datasets give 404.
 * The gateway forwards `/dcat/...` here (gateway/export-proxy.ts), so IRIs use the origin in
 * `x-forwarded-proto` / `x-forwarded-host` when present.
 */
export function dcatRoutes(router: Router, db: Db<typeof schema>): void {
  router.get(['/dcat/catalog', '/dcat/catalog.jsonld'], async (req, res) => {
    await respond(res, async () => catalogDocument(await catalogueForExport(db, ANONYMOUS, vietnamDate(new Date())), publicOrigin(req)));
  });
  router.get('/dcat/datasets/:key', async (req, res) => {
    const key = String(req.params.key).replace(/\.jsonld$/, '');
    await respond(res, async () => {
      const content = await datasetForExport(db, key, ANONYMOUS, vietnamDate(new Date()));
      return content ? datasetDocument(content, publicOrigin(req)) : null;
    });
  });
}

async function respond(res: Response, build: () => Promise<object | null>): Promise<void> {
  try {
    const document = await build();
    if (!document) {
      res.status(404).json({ errors: [{ message: 'No public dataset with that id or identifier', extensions: { code: ErrorCode.NotFound } }] });
      return;
    }
    res.type(JSON_LD_MEDIA_TYPE).send(JSON.stringify(document));
  } catch (error) {
    console.error('[catalogue] DCAT export failed', error);
    res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: ErrorCode.Internal } }] });
  }
}

function publicOrigin(req: Request): string {
  const forwardedHost = req.get('x-forwarded-host');
  const forwardedProto = req.get('x-forwarded-proto');
  const host = forwardedHost ?? req.get('host') ?? 'localhost';
  const proto = forwardedProto === 'https' || forwardedProto === 'http' ? forwardedProto : req.protocol;
  return `${proto}://${host}`;
}
