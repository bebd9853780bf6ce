import type { Socket } from 'node:net';
import { WebSocket } from 'ws';

/** Bytes a connection may have waiting to be written while a send still hands back at once; beyond, each send waits for its write. */
export const BACKLOG_LIMIT_BYTES = 256 * 1024;

type SendCallback = (error?: Error) => void;
type SendOptions = { mask?: boolean; binary?: boolean; compress?: boolean; fin?: boolean };

/**
 * The gateway's server-side WebSocket (the `WebSocket` class of its WebSocketServer): frames
 * sent to one connection in one turn of the event loop leave in one write, and a send hands
 * back at once while the connection keeps up.
 *
 * Why: graphql-ws sends each change event as its own frame and waits for that frame's write
 * before it takes the subscription's next event, so a page of ten events to a hundred
 * subscribers cost a thousand writes (system calls) one after another. Here a connection's
 * socket is corked for the turn, and a send's callback runs without waiting for the write,
 * so the page's ten frames to a subscriber go out together. Frames keep their order (one
 * socket, written in turn). A connection that falls behind (more than BACKLOG_LIMIT_BYTES
 * waiting) gets the usual backpressure: each send waits for its write again, so a slow
 * reader holds up only its own subscriptions and the gateway's memory stays bounded.
 */
export class CoalescingWebSocket extends WebSocket {
  private transport: Socket | null = null;
  private corked = false;

  /** The connection's TCP socket (the upgrade request's `socket`), corked for a turn by the first frame sent in it. */
  coalesceOn(transport: Socket): void {
    this.transport = transport;
  }

  override send(data: Parameters<WebSocket['send']>[0], callback?: SendCallback): void;
  override send(data: Parameters<WebSocket['send']>[0], options: SendOptions, callback?: SendCallback): void;
  override send(data: Parameters<WebSocket['send']>[0], optionsOrCallback?: SendOptions | SendCallback, callback?: SendCallback): void {
    const options = typeof optionsOrCallback === 'function' ? {} : (optionsOrCallback ?? {});
    const done = typeof optionsOrCallback === 'function' ? optionsOrCallback : callback;
    // Not open (ws answers with an error), nobody waiting, or a backlog: as ws does it.
    if (this.readyState !== WebSocket.OPEN || !done || this.bufferedAmount > BACKLOG_LIMIT_BYTES) {
      this.corkForTurn();
      return super.send(data, options, done);
    }
    this.corkForTurn();
    // A write that fails later closes the connection (ws emits 'error' and 'close'), which ends its subscriptions.
    super.send(data, options);
    queueMicrotask(() => done());
  }

  private corkForTurn(): void {
    const transport = this.transport;
    if (this.corked || !transport || this.readyState !== WebSocket.OPEN) return;
    this.corked = true;
    transport.cork();
    // After the promise jobs of this turn (every frame the turn's events produced), in one write.
    process.nextTick(() => {
      this.corked = false;
      transport.uncork();
    });
  }
}
