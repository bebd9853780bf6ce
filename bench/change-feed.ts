import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { postGraphQL } from '../subgraphs/kernel/testing/http';
import { percentiles, type Latencies } from './stats';

/**
 * W5: a write and its event at subscribers. Writes observations through the gateway at a
 * steady rate while `subscribers` WebSocket clients listen to the change feed; latency is
 * from the event's `occurredAt` (taken inside the writing transaction, so before its commit)
 * to its arrival at each subscriber.
 */
export interface ChangeFeedOptions {
  gatewayUrl: string;
  /** Headers of a caller who may record observations (an admin token). */
  writerHeaders: Record<string, string>;
  indicatorIds: string[];
  rate: number;
  seconds: number;
  subscribers: number;
}

export interface ChangeFeedResult extends Latencies {
  writes: number;
  failedWrites: number;
  writesPerSecond: number;
  subscribers: number;
  /** Deliveries expected (writes that succeeded × subscribers) and received. */
  expected: number;
  delivered: number;
  max: number;
  /** CPU ms each process spent per write over the run (set by the harness, which knows the processes). */
  cpuMsPerWrite?: Record<string, number | null>;
  /** The first failed write's error, to say what went wrong. */
  firstError?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes go to months from 1900 (the earliest the graph takes) to 2004, before the bench's monthly series: never a period that already has a value. */
const FIRST_YEAR = 1900;
const monthStart = (month: number) => `${FIRST_YEAR + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-01`;

/** Each write goes to the next indicator in turn, so the first indicator's latest early month is the latest written by any earlier run. */
async function firstUnusedMonth(options: ChangeFeedOptions): Promise<number> {
  // `observations` is a connection, oldest period first: the last node is the latest month written.
  const result = await postGraphQL<{ indicator: { observations: { nodes: Array<{ period: { start: string } }> } } | null }>(
    options.gatewayUrl,
    'query ($id: ID!) { indicator(id: $id) { observations(from: "1900-01-01", to: "2004-12-31", last: 1) { nodes { period { start } } } } }',
    { id: options.indicatorIds[0] },
    options.writerHeaders,
  );
  if (result.errors) throw new Error(`W5 could not find the months earlier runs wrote: ${JSON.stringify(result.errors).slice(0, 500)}`);
  const latest = result.data?.indicator?.observations.nodes.at(-1)?.period.start;
  if (!latest) return 0;
  return (Number(latest.slice(0, 4)) - FIRST_YEAR) * 12 + Number(latest.slice(5, 7));
}

export async function measureChangeFeed(options: ChangeFeedOptions): Promise<ChangeFeedResult> {
  const latencies: number[] = [];
  const clients: Client[] = [];
  const listening: Array<Promise<void>> = [];
  for (let s = 0; s < options.subscribers; s++) {
    const client = createClient({ url: options.gatewayUrl.replace('http://', 'ws://'), webSocketImpl: WebSocket, lazy: false });
    clients.push(client);
    listening.push(
      (async () => {
        const events = client.iterate<{ changes: { occurredAt: string } }>({
          query: 'subscription { changes(filter: { types: ["indicator.observation.recorded"] }) { occurredAt } }',
        });
        for await (const event of events) latencies.push(Date.now() - Date.parse(event.data!.changes.occurredAt));
      })().catch(() => undefined),
    );
  }
  await sleep(1_500); // every subscription takes its starting point in the feed

  const baseMonth = await firstUnusedMonth(options);
  const total = Math.round(options.rate * options.seconds);
  const started = Date.now();
  const writes: Array<Promise<void>> = [];
  let failed = 0;
  let firstError: string | undefined;
  const fail = (error: unknown) => {
    failed++;
    firstError ??= typeof error === 'string' ? error : JSON.stringify(error);
  };
  for (let n = 0; n < total; n++) {
    const wait = started + (n * 1_000) / options.rate - Date.now();
    if (wait > 0) await sleep(wait);
    const indicatorId = options.indicatorIds[n % options.indicatorIds.length]!;
    const month = baseMonth + Math.floor(n / options.indicatorIds.length);
    const periodStart = monthStart(month);
    writes.push(
      postGraphQL(
        options.gatewayUrl,
        'mutation ($input: RecordObservationInput!) { recordObservation(input: $input) { observation { id } } }',
        { input: { indicatorId, periodKind: 'MONTH', periodStart, value: n, status: 'FINAL' } },
        options.writerHeaders,
      ).then(
        (result) => void (result.errors ? fail(result.errors) : undefined),
        (error: unknown) => fail(String(error)),
      ),
    );
  }
  await Promise.all(writes);
  const writeSeconds = (Date.now() - started) / 1_000;
  const expected = (total - failed) * options.subscribers;
  const deadline = Date.now() + 30_000;
  while (latencies.length < expected && Date.now() < deadline) await sleep(100);
  await Promise.all(clients.map((client) => client.dispose()));
  await Promise.all(listening);
  return {
    writes: total,
    failedWrites: failed,
    writesPerSecond: Math.round((total / writeSeconds) * 10) / 10,
    subscribers: options.subscribers,
    expected,
    delivered: latencies.length,
    ...percentiles(latencies),
    max: latencies.length ? Math.max(...latencies) : NaN,
    ...(firstError ? { firstError: firstError.slice(0, 500) } : {}),
  };
}
