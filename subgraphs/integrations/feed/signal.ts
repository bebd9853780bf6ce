import { EventEmitter } from 'node:events';
import { LogSignal } from '../../kernel/platform/change-feed';

/**
 * Tells in-process listeners (live subscriptions, webhook delivery) that the change log
 * grew, so they read it now instead of waiting for their next poll. It carries no events:
 * listeners always read the log itself, which is what makes replay and live one path.
 */
class ChangeLogFeed extends EventEmitter {
  /** Moves at each append: the subgraph's own subscriptions wait on it (kernel `followLog`). */
  readonly signal = new LogSignal();

  notify(): void {
    this.signal.advance();
    this.emit('appended');
  }

  onAppended(listener: () => void): () => void {
    this.on('appended', listener);
    return () => this.off('appended', listener);
  }

  /** Resolves at the next append, or after `timeoutMs`, whichever comes first. */
  waitForAppend(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const stop = this.onAppended(() => {
        clearTimeout(timer);
        stop();
        resolve();
      });
      const timer = setTimeout(() => {
        stop();
        resolve();
      }, timeoutMs);
    });
  }
}

export const changeLogFeed = new ChangeLogFeed();
changeLogFeed.setMaxListeners(0);
