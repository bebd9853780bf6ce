import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTracing, stopTracing, tracer } from '../../subgraphs/kernel/platform/tracing';

/**
 * The exporter comes from the standard OTEL_* variables alone: with an OTLP endpoint set,
 * finished spans are POSTed there as OTLP/HTTP (here to a local receiver, never the internet).
 */
describe('trace export by OTEL_* variables', () => {
  it('sends spans to OTEL_EXPORTER_OTLP_ENDPOINT over OTLP/HTTP', async () => {
    const received: Array<{ path: string; type: string; bytes: number }> = [];
    const receiver = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ path: req.url ?? '', type: String(req.headers['content-type']), bytes: Buffer.concat(chunks).length });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const saved = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    try {
      startTracing({ serviceName: 'sti-graph-test' });
      tracer().startSpan('exported').end();
      await stopTracing(); // flushes the batch
      expect(received).toEqual([{ path: '/v1/traces', type: expect.stringMatching(/^application\/(x-protobuf|json)/), bytes: expect.any(Number) }]);
      expect(received[0]!.bytes).toBeGreaterThan(0);
    } finally {
      if (saved === undefined) delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
      else process.env.OTEL_EXPORTER_OTLP_ENDPOINT = saved;
      receiver.close();
    }
  });
});
