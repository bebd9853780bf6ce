import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { BACKLOG_LIMIT_BYTES, CoalescingWebSocket } from '../subscriptions/coalescing-websocket';

/**
 * The gateway's server-side WebSocket (gateway/subscriptions/coalescing-websocket.ts): frames
 * of one turn leave together, in order, and a connection with a backlog waits for its writes.
 * The change feed through it, end to end, is covered by subscriptions.test.ts and
 * change-feed-guarantees.test.ts.
 */
const coalescingServer = (server: Server) => new WebSocketServer({ server, WebSocket: CoalescingWebSocket });

describe('CoalescingWebSocket', () => {
  let server: Server;
  let wsServer: ReturnType<typeof coalescingServer>;
  let url: string;
  const connected: Array<{ socket: CoalescingWebSocket; transport: Socket }> = [];
  const clients: WebSocket[] = [];

  beforeAll(async () => {
    server = createServer();
    wsServer = coalescingServer(server);
    wsServer.on('connection', (socket, request) => {
      socket.coalesceOn(request.socket);
      connected.push({ socket, transport: request.socket });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const client of clients) client.terminate();
    await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  /** A client connected to the test server, its messages as text, and the server's side of it. */
  async function connect() {
    const before = connected.length;
    const client = new WebSocket(url);
    clients.push(client);
    const received: string[] = [];
    client.on('message', (data: Buffer) => received.push(data.toString()));
    await new Promise((resolve) => client.once('open', resolve));
    while (connected.length === before) await new Promise((resolve) => setImmediate(resolve));
    return { client, received, server: connected.at(-1)! };
  }

  const until = async (condition: () => boolean) => {
    while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
  };

  it('holds the frames of one turn in the socket and writes them together, in order, with every callback called', async () => {
    const { received, server } = await connect();
    const calls: Array<Error | undefined> = [];
    for (let n = 0; n < 10; n++) server.socket.send(JSON.stringify({ n }), (error) => calls.push(error));
    // Still this turn: all ten frames wait in the corked socket, none written yet.
    expect(server.transport.writableCorked).toBeGreaterThan(0);
    expect(server.transport.writableLength).toBeGreaterThan(0);
    await until(() => received.length === 10);
    expect(received.map((text) => (JSON.parse(text) as { n: number }).n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(server.transport.writableCorked).toBe(0);
    expect(calls).toEqual(Array(10).fill(undefined));
  });

  it('answers a send at once while the connection keeps up, but makes it wait for its write behind a backlog', async () => {
    const { received, server } = await connect();
    let quick = false;
    server.socket.send('small', () => (quick = true));
    await new Promise<void>((resolve) => queueMicrotask(resolve));
    // Answered within the turn's promise jobs, before the socket was even uncorked.
    expect(quick).toBe(true);

    // More than the backlog limit waits in the socket (corked for this turn): the next send waits for its write.
    server.socket.send('x'.repeat(BACKLOG_LIMIT_BYTES + 1));
    let behind = false;
    server.socket.send('after the backlog', () => (behind = true));
    await new Promise<void>((resolve) => queueMicrotask(resolve));
    expect(behind).toBe(false);
    await until(() => behind && received.length === 3);
    expect(received.at(-1)).toBe('after the backlog');
  });

  it('reports a send on a closed connection as an error, as ws does', async () => {
    const { client, server } = await connect();
    client.close();
    await until(() => server.socket.readyState === WebSocket.CLOSED);
    const error = await new Promise<Error | undefined>((resolve) => server.socket.send('too late', resolve));
    expect(error?.message).toMatch(/not open/);
  });
});
