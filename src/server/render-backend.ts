import type { Producer } from './producer.js';
import type { Router } from './router.js';
import type { NodeServices } from './services.js';

/**
 * Where renders run when not in this process (src/queue: workers on a shared queue). The node keeps
 * its own queue, records and downloads; the backend only makes the files, so without one nothing changes.
 */
export type RenderBackend = {
  produce: Producer;
  /** Jobs the node hands over at once (the workers' own limits apply below it). */
  concurrency: number;
  /** The routes the backend's workers call (under /api/worker/, which checks its own key). */
  addRoutes(router: Router, services: NodeServices): void;
  close(): Promise<void>;
};

/** Paths the backend authenticates itself: the client access key does not apply there. */
export const WORKER_PATH_PREFIX = '/api/worker/';
