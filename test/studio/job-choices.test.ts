import { describe, expect, it } from 'vitest';
import { jobChoices, type JobChoices } from '../../src/studio/index.js';
import type { JobRecord } from '../../src/store/index.js';

type Listed = Pick<JobRecord, 'status' | 'input' | 'output'> & { interrupted?: boolean };

describe('what the job picker offers', () => {
  it.each<[string, Listed, JobChoices]>([
    ['a render that runs: cancel, the input', { status: 'rendering', input: '/v/a.mp4' }, { cancel: true, retry: false, path: '/v/a.mp4' }],
    ['a job waiting in line: cancel', { status: 'queued', input: '/v/a.mp4' }, { cancel: true, retry: false, path: '/v/a.mp4' }],
    ['done: neither, the output', { status: 'done', input: '/v/a.mp4', output: '/o/a.compressed.mp4' }, { cancel: false, retry: false, path: '/o/a.compressed.mp4' }],
    ['failed: retry', { status: 'failed', input: '/v/a.mp4' }, { cancel: false, retry: true, path: '/v/a.mp4' }],
    ['canceled: retry', { status: 'canceled', input: '/v/a.mp4' }, { cancel: false, retry: true, path: '/v/a.mp4' }],
    ['cut off by a quit (stored as rendering): retry, not cancel', { status: 'rendering', input: '/v/a.mp4', interrupted: true }, { cancel: false, retry: true, path: '/v/a.mp4' }],
  ])('%s', (_name, job, choices) => {
    expect(jobChoices(job)).toEqual(choices);
  });
});
