import { describe, expect, it } from 'vitest';
import { queuedWords, reduceJob, reduceJobs, type Job, type JobAction } from '../../src/engine/jobs.js';

const added = reduceJob(undefined, { type: 'add', id: 'j', input: '/v/a.mp4', targetBytes: 8e6, at: 1000 }) as Job;

describe('reduceJob', () => {
  it.each<[string, Job, JobAction, Partial<Job>]>([
    ['a new job is queued', added, { type: 'phase', id: 'j', status: 'queued', at: 1000 }, { status: 'queued', fraction: 0 }],
    ['a phase resets progress', { ...added, status: 'uploading', fraction: 1 }, { type: 'phase', id: 'j', status: 'rendering', renderId: 'r1', at: 5000 }, { status: 'rendering', fraction: 0, phaseStartedAt: 5000, renderId: 'r1' }],
    ['progress never goes backwards', { ...added, status: 'rendering', fraction: 0.5 }, { type: 'progress', id: 'j', fraction: 0.3, at: 2000 }, { fraction: 0.5 }],
    ['progress is capped at 1', { ...added, status: 'rendering' }, { type: 'progress', id: 'j', fraction: 7, at: 2000 }, { fraction: 1 }],
    ['an ETA once 5 % is done', { ...added, status: 'rendering', phaseStartedAt: 0 }, { type: 'progress', id: 'j', fraction: 0.25, at: 10_000 }, { etaSec: 30 }],
    ['no ETA from the first ticks', { ...added, status: 'rendering', phaseStartedAt: 0 }, { type: 'progress', id: 'j', fraction: 0.01, at: 10_000 }, { etaSec: undefined }],
    ['done keeps the output', { ...added, status: 'downloading' }, { type: 'done', id: 'j', output: '/o/a.mp4', bytes: 7e6, at: 9000 }, { status: 'done', output: '/o/a.mp4', bytes: 7e6, fraction: 1 }],
    ['failed keeps the sentence', { ...added, status: 'rendering' }, { type: 'failed', id: 'j', error: 'The render failed.', at: 9000 }, { status: 'failed', error: 'The render failed.' }],
    ['a finished job ignores late progress', { ...added, status: 'done', fraction: 1 }, { type: 'progress', id: 'j', fraction: 0.2, at: 9000 }, { status: 'done', fraction: 1 }],
    ['a render waiting in line is queued with its place', { ...added, status: 'rendering', renderId: 'r1' }, { type: 'phase', id: 'j', status: 'queued', place: 2, at: 5000 }, { status: 'queued', place: 2, renderId: 'r1', etaSec: undefined }],
    ['its place moves up', { ...added, status: 'queued', place: 2 }, { type: 'phase', id: 'j', status: 'queued', place: 1, at: 6000 }, { status: 'queued', place: 1 }],
    ['once it starts there is no place, and the ETA window starts then', { ...added, status: 'queued', place: 1 }, { type: 'phase', id: 'j', status: 'rendering', at: 7000 }, { status: 'rendering', place: undefined, phaseStartedAt: 7000, samples: undefined }],
    ['an ended job has no place', { ...added, status: 'queued', place: 1 }, { type: 'failed', id: 'j', error: 'x', at: 7000 }, { place: undefined }],
    ['the resume point of a render is kept through later phases', { ...added, status: 'rendering', renderId: 'r1', resume: { node: 'n', item: 0, items: 1, itemName: 'a.mp4', outDir: '/o' } }, { type: 'phase', id: 'j', status: 'downloading', at: 8000 }, { status: 'downloading', resume: { node: 'n', item: 0, items: 1, itemName: 'a.mp4', outDir: '/o' } }],
    ['a render the node forgot ends the job interrupted', { ...added, status: 'rendering' }, { type: 'canceled', id: 'j', interrupted: true, reason: 'the node restarted', at: 9000 }, { status: 'canceled', interrupted: true, reason: 'the node restarted' }],
    ['a canceled job stays canceled', { ...added, status: 'canceled' }, { type: 'phase', id: 'j', status: 'rendering', at: 9000 }, { status: 'canceled' }],
  ])('%s', (_name, job, action, expected) => {
    expect(reduceJob(job, action)).toMatchObject(expected);
  });

  it('ignores actions for a job it never saw', () => {
    expect(reduceJob(undefined, { type: 'progress', id: 'x', fraction: 0.5, at: 1 })).toBeUndefined();
  });
});

describe('the ETA', () => {
  const rendering = { ...added, status: 'rendering' as const, phaseStartedAt: 0 };
  const ticks = (...points: [number, number][]) => points.reduce<Job>((job, [at, fraction]) => reduceJob(job, { type: 'progress', id: 'j', fraction, at }) as Job, rendering);

  it('follows the speed of the last seconds, not the average since the start', () => {
    // Slow for 60 s (0 → 30 %), then 10 % every 5 s: 60 % left at 2 %/s is 30 s, not the 97 s the average since the start says.
    expect(ticks([30_000, 0.15], [60_000, 0.3], [65_000, 0.4]).etaSec).toBe(30);
    expect(ticks([30_000, 0.15], [60_000, 0.3], [65_000, 0.4], [70_000, 0.5], [75_000, 0.6], [80_000, 0.7]).etaSec).toBe(15);
  });

  it('shows no ETA while progress stands still, rather than a guess that sticks', () => {
    expect(ticks([10_000, 0.5], [20_000, 0.65], [40_000, 0.65]).etaSec).toBeUndefined();
  });
});

describe('reduceJobs', () => {
  it('appends new jobs and updates the right one', () => {
    let jobs = reduceJobs([], { type: 'add', id: 'a', input: 'a', at: 1 });
    jobs = reduceJobs(jobs, { type: 'add', id: 'b', input: 'b', at: 2 });
    jobs = reduceJobs(jobs, { type: 'phase', id: 'b', status: 'uploading', at: 3 });
    expect(jobs.map((job) => [job.id, job.status])).toEqual([['a', 'queued'], ['b', 'uploading']]);
  });
});

describe('queuedWords', () => {
  it.each([
    [undefined, 'queued'],
    [1, 'queued (1st in line)'],
    [2, 'queued (2nd in line)'],
    [3, 'queued (3rd in line)'],
    [4, 'queued (4th in line)'],
    [11, 'queued (11th in line)'],
    [12, 'queued (12th in line)'],
    [21, 'queued (21st in line)'],
    [112, 'queued (112th in line)'],
  ])('%s → %s', (place, words) => {
    expect(queuedWords(place)).toBe(words);
  });
});
