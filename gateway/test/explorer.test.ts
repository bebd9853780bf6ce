import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { indicatorId } from '../../subgraphs/kernel/reference/seed-refs';
import { startTestGraph, type TestGraph } from '../testing';

/**
 * The explorer in a real browser (Debian's `chromium`, headless), with every host but the
 * gateway unreachable, as on a network that blocks CDNs: it loads, runs a query, sends the
 * header editor's credentials, and runs a subscription that receives an event.
 * CI installs chromium (.ci/run); elsewhere the browser tests are skipped when it is missing.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((candidate) => existsSync(candidate));
if (!CHROMIUM && process.env.CI === 'true') throw new Error('CI needs chromium for the explorer tests (apt-get install chromium)');
const describeWithBrowser = CHROMIUM ? describe : describe.skip;

/** Waits on a condition in the page, never on a fixed sleep. */
async function resultText(page: Page, contains: string): Promise<string> {
  // A string, evaluated in the page (this file is compiled without the DOM's types).
  const handle = await page.waitForFunction(
    `(() => { const text = document.querySelector('.result-window .CodeMirror')?.CodeMirror?.getValue() ?? ''; return text.includes(${JSON.stringify(contains)}) ? text : false; })()`,
    { timeout: 30_000 },
  );
  return (await handle.jsonValue()) as string;
}

/** Sets an editor's text the way typing would end up, through its CodeMirror instance. */
async function setEditor(page: Page, selector: string, text: string): Promise<void> {
  await page.waitForSelector(`${selector} .CodeMirror`);
  await page.$eval(
    `${selector} .CodeMirror`,
    (element, value) => (element as unknown as { CodeMirror: { setValue(text: string): void } }).CodeMirror.setValue(value),
    text,
  );
}

describe('explorer without a browser', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startTestGraph({ only: ['programmes'] });
  });
  afterAll(async () => graph?.stop());

  it('answers a browser with the bundled GraphiQL page whose every asset comes from the gateway itself', async () => {
    const page = await fetch(graph.gateway.url, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(5);
    for (const asset of assets) {
      expect(asset.startsWith('/')).toBe(true); // same origin: nothing from a CDN
      const response = await fetch(new URL(asset, graph.gateway.url));
      expect(response.status).toBe(200);
    }
  });

  it('leaves GraphQL clients alone: a JSON GET or POST still reaches the API', async () => {
    const get = await fetch(`${graph.gateway.url}?query=${encodeURIComponent('{ programmes(first: 1) { totalCount } }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(((await get.json()) as { data: { programmes: { totalCount: number } } }).data.programmes.totalCount).toBeGreaterThan(0);
    const post = await graph.queryOk<{ programmes: { totalCount: number } }>('{ programmes(first: 1) { totalCount } }');
    expect(post.programmes.totalCount).toBeGreaterThan(0);
  });

  it('is off in production unless GATEWAY_EXPLORER says so', async () => {
    const { explorerEnabled } = await import('../explorer');
    const saved = process.env.GATEWAY_EXPLORER;
    try {
      delete process.env.GATEWAY_EXPLORER;
      expect(explorerEnabled(true)).toBe(false);
      expect(explorerEnabled(false)).toBe(true);
      process.env.GATEWAY_EXPLORER = 'true';
      expect(explorerEnabled(true)).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.GATEWAY_EXPLORER;
      else process.env.GATEWAY_EXPLORER = saved;
    }
  });
});

describeWithBrowser('explorer in headless Chromium with no network but the gateway', () => {
  let graph: TestGraph;
  let browser: Browser;
  let page: Page;
  const foreignRequests: string[] = [];

  beforeAll(async () => {
    graph = await startTestGraph();
    const gatewayHost = new URL(graph.gateway.url).host;
    browser = await puppeteer.launch({
      executablePath: CHROMIUM!,
      headless: true,
      // Root in CI needs --no-sandbox; every host name but the gateway's fails to resolve.
      args: ['--no-sandbox', '--disable-dev-shm-usage', `--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE ${new URL(graph.gateway.url).hostname}`],
    });
    page = await browser.newPage();
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.host === gatewayHost || url.protocol === 'data:') return void request.continue();
      foreignRequests.push(request.url());
      void request.abort('blockedbyclient');
    });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await graph?.stop();
  });

  it('loads, runs the query a link gives it, and shows the answer', async () => {
    const query = '{ organizations(first: 2, filter: { search: "so khoa hoc" }) { totalCount nodes { shortName } } }';
    const expected = await graph.queryOk<{ organizations: { totalCount: number } }>(query);
    await page.goto(`${graph.gateway.url}?query=${encodeURIComponent(query)}`, { waitUntil: 'load' });
    await page.waitForSelector('.graphiql-execute-button', { timeout: 30_000 });
    await page.click('.graphiql-execute-button');
    const text = await resultText(page, '"totalCount"');
    expect(JSON.parse(text)).toEqual({ data: expected });
    expect(foreignRequests).toEqual([]);
  });

  it('sends the header editor’s credentials with a query', async () => {
    const token = await graph.tokenFor('admin');
    await page.goto(`${graph.gateway.url}?query=${encodeURIComponent('{ apiKeys(first: 1) { totalCount } }')}`, { waitUntil: 'load' });
    await page.waitForSelector('.graphiql-execute-button', { timeout: 30_000 });
    // Anonymous first: FORBIDDEN.
    await page.click('.graphiql-execute-button');
    expect(await resultText(page, '"errors"')).toContain('FORBIDDEN');
    // The same query with an admin token in the header editor.
    await page.click('.graphiql-editor-tools ::-p-text(Headers)');
    await setEditor(page, '.graphiql-editor-tool .graphiql-editor:not(.hidden)', JSON.stringify({ authorization: `Bearer ${token}` }));
    await page.click('.graphiql-execute-button');
    const text = await resultText(page, '"data"');
    expect(JSON.parse(text)).toEqual({ data: { apiKeys: { totalCount: 0 } } });
    expect(foreignRequests).toEqual([]);
  });

  it('runs a subscription over graphql-ws that receives a committed write’s event', async () => {
    const record = async (year: number) =>
      graph.as('admin').queryOk(`mutation ($input: RecordObservationInput!) { recordObservation(input: $input) { observation { id } } }`, {
        input: { indicatorId: indicatorId('CTR07-DIGITAL-ECONOMY'), periodKind: 'YEAR', periodStart: `${year}-01-01`, value: 19.5, status: 'FINAL' },
      });
    // Subscribe after a change already in the log, so the next write reaches the page whenever
    // its WebSocket gets going (replay, then live: no gap).
    await record(2022);
    let cursor: string | undefined;
    for (let tries = 0; !cursor && tries < 200; tries++) {
      const { changes } = await graph.queryOk<{ changes: { edges: Array<{ cursor: string }> } }>(
        '{ changes(last: 1, filter: { types: ["indicator.observation.recorded"] }) { edges { cursor } } }',
      );
      cursor = changes.edges[0]?.cursor;
      if (!cursor) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(cursor).toBeDefined();
    const subscription = `subscription { changes(after: ${JSON.stringify(cursor)}, filter: { types: ["indicator.observation.recorded"] }) { type entityType version } }`;
    await page.goto(`${graph.gateway.url}?query=${encodeURIComponent(subscription)}`, { waitUntil: 'load' });
    await page.waitForSelector('.graphiql-execute-button', { timeout: 30_000 });
    await page.click('.graphiql-execute-button');
    await record(2023);
    const text = await resultText(page, 'indicator.observation.recorded');
    expect(JSON.parse(text)).toEqual({ data: { changes: { type: 'indicator.observation.recorded', entityType: 'Observation', version: 1 } } });
    expect(foreignRequests).toEqual([]);
  });
});
