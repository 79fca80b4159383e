import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RenderQueue, type RenderQueueOptions } from '../../src/server/renders.js';
import { until } from '../helpers/until.js';

// A node restarted mid-render takes its unfinished jobs up again. Until each has reached its
// producer, a render worker that finished one while the node was down asks about a job the node
// does not wait for yet: the worker routes answer "starting" (503, try again), not "canceled" (409).

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'render-restore-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A producer's work that ends only when its job is stopped (as a worker's does). */
const held = (signal: AbortSignal) =>
  new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason));
  });

const options = (produce: RenderQueueOptions['produce']): RenderQueueOptions => ({ dataDir: dir, concurrency: 10, now: Date.now, onCompleted: async () => undefined, produce, producerQueues: true });

describe('a render queue restored at start', () => {
  it('says it is restoring until every unfinished job has reached its producer', async () => {
    // A job handed to a producer that never ends, then the node stopped under it.
    const first = await RenderQueue.open(options((_record, { signal }) => held(signal)));
    await first.submit({ id: 'render_1', sessionId: 's', userId: 'u', items: [] });
    await until(() => first.get('render_1', 'u').status === 'processing', 'the job to run');
    expect(first.restoring).toBe(false); // submitted here, not restored
    await first.close();

    const reached: string[] = [];
    const second = await RenderQueue.open(options((record, { signal }) => {
      reached.push(record.id);
      return held(signal);
    }));
    // Its run has to record the job first (a write to disk), so the producer has not been called yet.
    expect(reached).toEqual([]);
    expect(second.restoring).toBe(true);
    await until(() => reached.length === 1, 'the restored job to reach its producer');
    expect(second.restoring).toBe(false);
    await second.close();
  });

  it('is not held up by a restored job canceled before it ran', async () => {
    const third = await RenderQueue.open({ ...options((_record, { signal }) => held(signal)), concurrency: 0 });
    expect(third.restoring).toBe(true); // render_1 again, pending, with no slot to run in
    await third.cancel('render_1', 'u');
    expect(third.restoring).toBe(false);
    await third.close();
  });
});
