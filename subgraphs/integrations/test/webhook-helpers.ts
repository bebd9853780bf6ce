import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RelayedEvent } from '../../kernel/subgraph/outbox-relay';
import { DEFAULT_WEBHOOK_CONFIG, type WebhookConfig } from '../webhooks/config';
import { verifyWebhook } from '../webhooks/signing';
import type { Clock } from '../webhooks/worker';

/** A clock tests move forward by hours or days; it never runs behind the real one. */
export class FakeClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export const HOUR = 3_600_000;

/** Delivery settings for tests: loopback receivers allowed, short timeout. */
export const TEST_CONFIG: WebhookConfig = { ...DEFAULT_WEBHOOK_CONFIG, allowPrivateTargets: true, timeoutMs: 2_000, pollIntervalMs: 50 };

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  /** The (fake) time it arrived, to check the signature's timestamp against. */
  at: Date;
}

/** What the receiver answers: a status (and headers), or 'down' to reset the connection. */
export type Answer = { status: number; headers?: Record<string, string> } | 'down';

/** A local webhook receiver on a free port that records every request. */
export class Receiver {
  readonly received: Received[] = [];
  answer: (request: Received) => Answer = () => ({ status: 204 });
  private server: Server | undefined;
  url = '';

  constructor(private readonly clock: Clock) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const request = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: this.clock.now() };
        const answer = this.answer(request);
        if (answer === 'down') {
          req.socket.destroy();
          return;
        }
        this.received.push(request);
        res.writeHead(answer.status, answer.headers ?? {}).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
    return this;
  }

  /** Payloads that verify with `secret`, in arrival order. */
  verified(secret: string): Array<{ id: string; type: string; entityId: string; version: number; cursor: string }> {
    return this.received.map(
      (request) =>
        verifyWebhook(secret, request.body, request.headers, { now: request.at }) as {
          id: string;
          type: string;
          entityId: string;
          version: number;
          cursor: string;
        },
    );
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** A relayed change event, as the outbox relay posts it to the ingest endpoint. */
export function changeEvent(entityId: string, version: number, overrides: Partial<RelayedEvent> = {}): RelayedEvent {
  return {
    position: version,
    eventId: randomUUID(),
    source: 'programmes',
    type: 'organization.updated',
    entityType: 'Organization',
    entityId,
    operation: 'UPDATE',
    entityVersion: version,
    occurredAt: new Date(),
    actor: { role: 'editor', subject: 'test', organizationId: null, requestId: `req-${version}` },
    changedFields: ['website'],
    before: { website: null },
    after: { website: `https://example.invalid/${version}` },
    access: { level: 'PUBLIC', ownerOrganizationId: null },
    ...overrides,
  };
}
