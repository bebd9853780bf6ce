import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Express, Request, Response } from 'express';
import { isProduction, readBoolEnv } from '../../subgraphs/kernel/platform/env';
import { EXAMPLE_OPERATIONS } from './examples';

/**
 * The graph's own explorer: GraphiQL served by the gateway from npm packages, with no CDN, so
 * it works on a government network that blocks CDNs or has no internet at all. Browsers that
 * GET the GraphQL path asking for HTML get it; every other request goes on to the API.
 * Schema docs come from introspection (so the explorer follows GATEWAY_INTROSPECTION), queries
 * and mutations go over HTTP, subscriptions over graphql-ws, and the header editor's headers
 * (`authorization`, `x-api-key`) go with both.
 */
export const EXPLORER_ASSETS_PATH = '/explorer/assets';

/** `GATEWAY_EXPLORER`: on by default in development, off in production unless set to true. */
export function explorerEnabled(production = isProduction()): boolean {
  return readBoolEnv('GATEWAY_EXPLORER', !production);
}

/** File name served -> the npm package file it is read from (resolved once, at start). */
const ASSETS: Record<string, { packageName: string; file: string; type: string }> = {
  'react.js': { packageName: 'react', file: 'umd/react.production.min.js', type: 'text/javascript' },
  'react-dom.js': { packageName: 'react-dom', file: 'umd/react-dom.production.min.js', type: 'text/javascript' },
  'graphiql.js': { packageName: 'graphiql', file: 'graphiql.min.js', type: 'text/javascript' },
  'graphiql.css': { packageName: 'graphiql', file: 'graphiql.min.css', type: 'text/css' },
  'graphql-ws.js': { packageName: 'graphql-ws', file: 'umd/graphql-ws.min.js', type: 'text/javascript' },
};

/** A file of an installed package; the browser builds are not in the packages' `exports`, so from its folder. */
function packageFile(packageName: string, file: string): Buffer {
  return readFileSync(path.join(path.dirname(require.resolve(`${packageName}/package.json`)), file));
}

/** The page's own script (no inline script, so the page's CSP can forbid them). */
const CLIENT_SCRIPT = path.join(__dirname, 'client.js');

/**
 * Same-origin only: scripts, styles, fonts, HTTP and WebSocket connections; GraphiQL sets
 * inline styles, and its fonts and icons are data: URLs.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Mounts the explorer's assets and answers browsers' GETs of `graphqlPath` with its page. Call before the API's routes. */
export function mountExplorer(app: Express, graphqlPath: string): void {
  const assets = new Map(Object.entries(ASSETS).map(([name, asset]) => [name, { body: packageFile(asset.packageName, asset.file), type: asset.type }]));
  assets.set('explorer.js', { body: readFileSync(CLIENT_SCRIPT), type: 'text/javascript' });
  app.get(`${EXPLORER_ASSETS_PATH}/:name`, (req: Request<{ name: string }>, res: Response) => {
    const asset = assets.get(req.params.name);
    if (!asset) return void res.status(404).json({ errors: [{ message: 'No such explorer asset', extensions: { code: 'NOT_FOUND' } }] });
    res.set('Content-Type', `${asset.type}; charset=utf-8`).set('Cache-Control', 'public, max-age=3600').send(asset.body);
  });
  const page = explorerPage(graphqlPath);
  app.get(graphqlPath, (req, res, next) => {
    // A browser navigating here prefers HTML (a `?query=` link opens the explorer on it); GraphQL clients ask for JSON.
    if (req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) !== 'text/html') return next();
    res.set('Content-Type', 'text/html; charset=utf-8').set('Content-Security-Policy', CONTENT_SECURITY_POLICY).set('Cache-Control', 'no-cache').send(page);
  });
}

function explorerPage(graphqlPath: string): string {
  const settings = JSON.stringify({ path: graphqlPath, tabs: EXAMPLE_OPERATIONS }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>STI graph explorer</title>
<link rel="stylesheet" href="${EXPLORER_ASSETS_PATH}/graphiql.css">
<style>html, body, #explorer { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="explorer">Loading the explorer…</div>
<script id="explorer-settings" type="application/json">${settings}</script>
<script src="${EXPLORER_ASSETS_PATH}/react.js"></script>
<script src="${EXPLORER_ASSETS_PATH}/react-dom.js"></script>
<script src="${EXPLORER_ASSETS_PATH}/graphql-ws.js"></script>
<script src="${EXPLORER_ASSETS_PATH}/graphiql.js"></script>
<script src="${EXPLORER_ASSETS_PATH}/explorer.js"></script>
</body>
</html>
`;
}
