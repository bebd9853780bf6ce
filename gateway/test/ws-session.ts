import { GRAPHQL_TRANSPORT_WS_PROTOCOL } from 'graphql-ws';
import WebSocket from 'ws';

/** A message of the graphql-transport-ws protocol as the server sent it. */
export interface ProtocolMessage {
  type: string;
  id?: string;
  payload?: unknown;
}

/**
 * One raw `graphql-transport-ws` connection for tests that need to send exactly the messages
 * they count (a client library pings, retries and numbers operations by itself).
 */
export class WsSession {
  private readonly received: ProtocolMessage[] = [];
  private readonly waiting = new Set<() => void>();
  private closedNow = false;
  /** The close code and reason the server sent. */
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      this.received.push(JSON.parse(data.toString()) as ProtocolMessage);
      for (const wake of [...this.waiting]) wake();
    });
    this.closed = new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    // Nothing more can arrive: whoever waits for a message learns it now, not at its timeout.
    socket.on('close', () => {
      this.closedNow = true;
      for (const wake of [...this.waiting]) wake();
    });
    // A server that closes while a large message is still being written resets the connection; `closed` still tells the code.
    socket.on('error', () => undefined);
  }

  /** Opens a connection to the gateway's GraphQL URL (http:// is turned into ws://) from `localAddress` (e.g. 127.0.0.2) if given, and, unless told not to, initialises it. */
  static async open(
    url: string,
    options: { headers?: Record<string, string>; connectionParams?: Record<string, unknown>; init?: boolean; localAddress?: string } = {},
  ): Promise<WsSession> {
    const socket = new WebSocket(url.replace(/^http/, 'ws'), GRAPHQL_TRANSPORT_WS_PROTOCOL, {
      headers: options.headers ?? {},
      ...(options.localAddress ? { localAddress: options.localAddress } : {}),
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const session = new WsSession(socket);
    if (options.init !== false) {
      session.send({ type: 'connection_init', ...(options.connectionParams ? { payload: options.connectionParams } : {}) });
      await session.next((message) => message.type === 'connection_ack');
    }
    return session;
  }

  send(message: ProtocolMessage): void {
    this.sendRaw(JSON.stringify(message));
  }

  /** Sends text as it is (malformed messages, exact sizes). */
  sendRaw(text: string): void {
    this.socket.send(text);
  }

  subscribe(id: string, query: string, variables?: Record<string, unknown>): void {
    this.send({ type: 'subscribe', id, payload: { query, ...(variables ? { variables } : {}) } });
  }

  /** Whether the connection has closed. */
  get isClosed(): boolean {
    return this.closedNow;
  }

  /** The first message received (earlier ones included) that matches, taken out of the inbox; fails once the connection closes without one. */
  async next(matches: (message: ProtocolMessage) => boolean, timeoutMs = 10_000): Promise<ProtocolMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.received.findIndex(matches);
      if (index >= 0) return this.received.splice(index, 1)[0]!;
      if (this.closedNow) throw new Error(`The connection closed without a matching message; received: ${JSON.stringify(this.received)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`No matching message within ${timeoutMs} ms; received: ${JSON.stringify(this.received)}`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiting.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.waiting.add(wake);
      });
    }
  }

  /** The next message for operation `id`. */
  forOperation(id: string, timeoutMs?: number): Promise<ProtocolMessage> {
    return this.next((message) => message.id === id, timeoutMs);
  }

  close(): void {
    this.socket.close();
  }
}
