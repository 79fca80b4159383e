import type { ProducedFile } from './render-job.js';
import type { RenderRecord } from './render-record.js';
import type { ItemProgress } from '../wire/item-progress.js';

// Apart from render-backend.ts, whose routes need the node's services, so the render queue can
// take a Producer without importing the services that hold the queue.

/**
 * What making one job's files gets: its own empty folder, a signal whose reason says why it
 * stopped, and a progress callback: 0..100 over the job, and each item's own progress when the
 * producer knows it (a worker from before per-item progress sends only the overall). A producer that hands the job to others says when it waits
 * there (`onWaiting`, with its place in line when known: 1 is next) and when it starts (`onStarted`).
 */
export type ProduceOptions = {
  workDir: string;
  signal: AbortSignal;
  onProgress: (percent: number, items?: ItemProgress[]) => void;
  onWaiting?: (place?: number) => void;
  onStarted?: () => void;
};

/** Makes a job's files into `workDir`; the render queue moves them to the outputs and records them. */
export type Producer = (record: RenderRecord, options: ProduceOptions) => Promise<ProducedFile[]>;
