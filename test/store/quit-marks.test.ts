import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultStore, withQuitMarks, type JobRecord } from '../../src/store/index.js';
import { jobList } from '../../src/ui/job-list.js';

const job = (id: string, status: JobRecord['status']): JobRecord => ({ id, input: `/v/${id}.mp4`, status, startedAt: 1, updatedAt: 1 });

describe('jobs the quit stops', () => {
  it('are kept as interrupted; jobs canceled before the quit, and other endings, keep their word', () => {
    const dir = mkdtempSync(join(tmpdir(), 'quit-marks-'));
    const store = withQuitMarks(defaultStore(dir));
    store.saveJob(job('by-hand', 'canceled'));
    store.quitting();
    store.saveJob(job('by-quit', 'canceled'));
    store.saveJob(job('made', 'done'));
    store.saveJob(job('broke', 'failed'));
    // What the next start reads.
    const kept = defaultStore(dir).jobs();
    expect(Object.fromEntries(kept.map((j) => [j.id, j.interrupted ?? false]))).toEqual({ 'by-hand': false, 'by-quit': true, made: false, broke: false });
    expect(jobList([], kept).finished.filter((j) => j.interrupted).map((j) => j.id)).toEqual(['by-quit']);
  });
});
