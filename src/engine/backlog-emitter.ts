import { EventEmitter } from 'node:events';
import type { EngineEvent, EngineEvents } from './engine-events.js';

/** How many events are kept for listeners that subscribe late (the oldest are dropped first). */
export const BACKLOG_LIMIT = 100;

/**
 * An EventEmitter typed by the engine's event map that keeps a small bounded backlog of the events
 * raised while nobody listened (the UI subscribes after the engine has started setting up), and
 * hands them to the first listener that subscribes. An `error` with no listener is kept, not thrown.
 */
export class BacklogEmitter extends EventEmitter<EngineEvents> {
  private backlog: EngineEvent[] = [];
  private readonly subscribers = new Set<(event: EngineEvent) => void>();

  /** Raises an event: to every listener, or into the backlog when there is none. */
  protected raise<K extends keyof EngineEvents>(name: K, payload: EngineEvents[K][0]): void {
    const event = { name, payload } as EngineEvent;
    const heard = this.subscribers.size > 0 || this.listenerCount(name) > 0;
    for (const listener of this.subscribers) listener(event);
    if (this.listenerCount(name) > 0) (this.emit as (name: K, payload: EngineEvents[K][0]) => boolean)(name, payload);
    if (!heard) this.backlog = [...this.backlog.slice(1 - BACKLOG_LIMIT), event];
  }

  /**
   * Listens to every event, first receiving the backlog. Returns the unsubscribe function.
   * This is what view-state folding (the studio's hook, the watch folder) uses.
   */
  subscribe(listener: (event: EngineEvent) => void): () => void {
    const missed = this.backlog;
    this.backlog = [];
    for (const event of missed) listener(event);
    this.subscribers.add(listener);
    return () => this.subscribers.delete(listener);
  }
}
