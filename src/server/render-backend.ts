import type { ProducedFile } from './render-job.js';
import type { RenderRecord } from './renders.js';
import type { Router } from './router.js';
import type { NodeServices } from './services.js';

/**
 * What making one job's files gets: its own empty folder, a signal whose reason says why it
 * stopped, and a progress callback. A producer that hands the job to others says when it waits
 * there (`onWaiting`, with its place in line when known: 1 is next) and when it starts (`onStarted`).
 */
export type ProduceOptions = {
  workDir: string;
  signal: AbortSignal;
  onProgress: (percent: number) => void;
  onWaiting?: (place?: number) => void;
  onStarted?: () => void;
};

/** Makes a job's files into `workDir`; the render queue moves them to the outputs and records them. */
export type Producer = (record: RenderRecord, options: ProduceOptions) => Promise<ProducedFile[]>;

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
