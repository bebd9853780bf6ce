import { randomBytes } from 'node:crypto';
import { captureLogs, loggerFor } from '../../subgraphs/kernel/platform/logger';
import { eventually } from '../../subgraphs/kernel/testing/eventually';
import { startTestGraph, type TestGraph } from '../testing';

/**
 * Structured logs as an operator reads them: one JSON line per request in every process, with
 * the request id and trace id that tie the gateway's line to the subgraphs' lines, and no
 * credential anywhere (Bearer token, API key, caller assertion, cookie, password in a URL).
 */
const CREATE_KEY = 'mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }';
const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]+/;

interface LogLine {
  level: string;
  time: string;
  service: string;
  msg: string;
  requestId?: string;
  traceId?: string;
  req?: { method: string; path: string; headers: Record<string, string> };
  res?: { statusCode: number };
  err?: { message: string; stack: string };
}

describe('structured logs', () => {
  const lines: string[] = [];
  let restore: () => void;
  let graph: TestGraph;
  beforeAll(async () => {
    restore = captureLogs(lines, 'info');
    graph = await startTestGraph({ only: ['programmes', 'integrations'] });
  });
  afterAll(async () => {
    await graph?.stop();
    restore();
  });

  const parsed = (): LogLine[] => lines.map((line) => JSON.parse(line) as LogLine);
  const requestLines = (requestId: string) => parsed().filter((line) => line.msg === 'request' && line.requestId === requestId);

  it('logs each request as JSON in the gateway and each subgraph it reached, with one request id and trace id, and no credential', async () => {
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    const { createApiKey } = await graph.as('admin').queryOk<{ createApiKey: { secret: string } }>(CREATE_KEY, {
      input: { name: 'log test', role: 'INTEGRATOR', expiresAt: inAnHour },
    });
    const token = await graph.tokenFor('admin');
    const traceId = randomBytes(16).toString('hex');
    const query = JSON.stringify({ query: '{ indicators(first: 2) { nodes { id } } }' });
    const send = (requestId: string, headers: Record<string, string>) =>
      fetch(`${graph.gateway.url}?access_token=url-secret`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': requestId, cookie: 'session=cookie-secret', ...headers },
        body: query,
      });

    const withToken = await send('log-test-token', { authorization: `Bearer ${token}`, traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` });
    expect(withToken.status).toBe(200);
    expect(withToken.headers.get('x-request-id')).toBe('log-test-token');
    const withKey = await send('log-test-key', { 'x-api-key': createApiKey.secret });
    expect(withKey.status).toBe(200);

    // The gateway's line and the programmes subgraph's line of the same request, in the client's trace.
    const tokenLines = await eventually(async () => {
      const found = requestLines('log-test-token');
      expect(found.map((line) => line.service).sort()).toEqual(['gateway', 'programmes']);
      return found;
    });
    for (const line of tokenLines) {
      expect(line).toMatchObject({ level: 'info', traceId, req: { method: 'POST', path: '/graphql' }, res: { statusCode: 200 } });
      expect(new Date(line.time).getTime()).not.toBeNaN();
    }
    const gatewayLine = tokenLines.find((line) => line.service === 'gateway')!;
    expect(gatewayLine.req?.headers.authorization).toBe('[redacted]');
    expect(gatewayLine.req?.headers.cookie).toBe('[redacted]');
    expect(tokenLines.find((line) => line.service === 'programmes')!.req?.headers['x-sti-assertion']).toBe('[redacted]');

    // Without a traceparent the gateway starts a trace; the subgraph's line carries the same id.
    const keyLines = await eventually(async () => {
      const found = requestLines('log-test-key');
      expect(found.map((line) => line.service).sort()).toEqual(['gateway', 'programmes']);
      return found;
    });
    expect(keyLines[0]!.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(keyLines[1]!.traceId).toBe(keyLines[0]!.traceId);
    expect(keyLines.find((line) => line.service === 'gateway')!.req?.headers['x-api-key']).toBe('[redacted]');

    const everything = lines.join('\n');
    for (const secret of [token, createApiKey.secret, 'cookie-secret', 'url-secret']) expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(JWT);
  });

  it('gives a request without an id a fresh one, in the answer and the line', async () => {
    const response = await fetch(graph.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': `not an id: ${'x'.repeat(200)}` },
      body: '{"query":"{ __typename }"}',
    });
    const requestId = response.headers.get('x-request-id')!;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    await eventually(async () =>
      expect(requestLines(requestId)).toEqual([expect.objectContaining({ service: 'gateway', traceId: expect.stringMatching(/^[0-9a-f]{32}$/) })]),
    );
  });

  it('blanks credentials in URLs and error messages', () => {
    const error = new Error('connect failed: postgres://sti:db-password@db.example:5432/sti?sslpassword=also-secret');
    loggerFor('programmes').error({ err: error }, 'could not reach redis://:redis-password@cache:6379/0');
    const line = parsed().at(-1)!;
    expect(line).toMatchObject({ level: 'error', service: 'programmes', msg: 'could not reach redis://[redacted]@cache:6379/0' });
    expect(line.err?.message).toBe('connect failed: postgres://[redacted]@db.example:5432/sti?sslpassword=[redacted]');
    expect(JSON.stringify(line)).not.toMatch(/db-password|also-secret|redis-password/);
  });
});
