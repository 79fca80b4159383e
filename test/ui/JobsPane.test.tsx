import React from 'react';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { Job } from '../../src/studio/index.js';
import { JobsPane } from '../../src/ui/JobsPane.js';
import { themeFor } from '../../src/ui/theme.js';

// The jobs pane's rows for a render that waits in line and one that runs, at a chosen width.

const base: Job = { id: 'j', input: '/v/clip.mp4', status: 'rendering', fraction: 0, startedAt: 0, updatedAt: 0, phaseStartedAt: 0 };

function row(job: Job): string {
  const { lastFrame, unmount } = render(<JobsPane running={[job]} finished={[]} width={80} maxRows={5} theme={themeFor({ NO_COLOR: '1' })} />);
  const frame = lastFrame() ?? '';
  unmount();
  return frame.split('\n').find((line) => line.includes('clip.mp4')) ?? '';
}

describe('JobsPane rows', () => {
  it.each<[string, Partial<Job>, RegExp, RegExp]>([
    ['waiting second in line: its place, no bar, no percent, no ETA', { status: 'queued', place: 2 }, /clip\.mp4\s+queued \(2nd in line\)/, /%|█|░/],
    ['waiting where the node names no place', { status: 'queued' }, /clip\.mp4\s+queued\s/, /%|in line/],
    ['rendering: the bar, the percent and the ETA', { status: 'rendering', fraction: 0.4, etaSec: 75 }, /rendering .* 40% 1m15s/, /in line/],
  ])('%s', (_name, change, shown, absent) => {
    const line = row({ ...base, ...change });
    expect(line).toMatch(shown);
    expect(line).not.toMatch(absent);
  });

  it.each([40, 60, 80])('keeps a running job with a long name and ETA on one row at %i columns (the row budget counts it as one)', (width) => {
    const job: Job = { ...base, input: '/v/a-rather-long-clip-name.mp4', status: 'downloading', fraction: 0.4, etaSec: 3725 };
    const { lastFrame, unmount } = render(<JobsPane running={[job]} finished={[]} width={width} maxRows={5} theme={themeFor({ NO_COLOR: '1' })} />);
    const lines = (lastFrame() ?? '').split('\n');
    unmount();
    expect(lines).toHaveLength(4); // borders, title, the job
    expect(lines[2]).toMatch(/a-rathe.* downloadin/);
    expect(lines.every((line) => line.length === width)).toBe(true);
  });

  it('cuts a long failure at its end, so what happened stays in view; an output in its middle, so its name and size do', () => {
    const failed = { ...base, id: 'f', input: '/v/drone.mp4', status: 'failed' as const, error: '1 KB is too small for 12.1 s of video: the smallest this can be is about 3.27 KB. Ask for at least 3.27 KB or trim it shorter.' };
    const done = { ...base, id: 'd', input: '/v/clip.mp4', status: 'done' as const, output: '/a/rather/long/folder/that/goes/on/clip.compressed.mp4', bytes: 95_300, targetBytes: 100_000 };
    const { lastFrame, unmount } = render(<JobsPane running={[]} finished={[failed, done]} width={60} maxRows={5} theme={themeFor({ NO_COLOR: '1' })} />);
    const lines = (lastFrame() ?? '').split('\n');
    unmount();
    expect(lines.find((line) => line.includes('drone.mp4'))).toMatch(/✗ drone\.mp4: failed, 1 KB is too small for 12\.1 s of v.*…/);
    expect(lines.find((line) => line.includes('clip.mp4'))).toMatch(/✓ clip\.mp4 → \/a\/rather.*….*\.mp4 \(95\.3 KB of 100 KB\)/);
  });

  it("shows a batch's files each with its own bar, percent and ETA, and the one not started as queued with none", () => {
    const jobs: Job[] = [
      { ...base, id: 'a', input: '/v/one.mp4', fraction: 1 },
      { ...base, id: 'b', input: '/v/two.mp4', fraction: 0.3, etaSec: 12 },
      { ...base, id: 'c', input: '/v/three.mp4', status: 'queued' },
    ];
    const { lastFrame, unmount } = render(<JobsPane running={jobs} finished={[]} width={80} maxRows={5} theme={themeFor({ NO_COLOR: '1' })} />);
    const lines = (lastFrame() ?? '').split('\n');
    unmount();
    const lineOf = (name: string) => lines.find((line) => line.includes(name)) ?? '';
    expect(lineOf('one.mp4')).toMatch(/rendering .* 100%/);
    expect(lineOf('two.mp4')).toMatch(/rendering .*  30% 12s/);
    expect(lineOf('three.mp4')).toMatch(/three\.mp4\s+queued\s/);
    expect(lineOf('three.mp4')).not.toMatch(/%|█|░/);
  });

  it('keeps the picked job on screen when more run than fit, and a finished pick under them too', () => {
    const running: Job[] = Array.from({ length: 8 }, (_, i) => ({ ...base, id: `r${i}`, input: `/v/run-${i}.mp4` }));
    const finished = [{ ...base, id: 'f', input: '/v/old.mp4', status: 'done' as const, output: '/o/old.mp4' }];
    const drawn = (selected: number) => {
      const { lastFrame, unmount } = render(<JobsPane running={running} finished={finished} selected={selected} width={80} maxRows={6} theme={themeFor({ NO_COLOR: '1' })} />);
      const frame = lastFrame() ?? '';
      unmount();
      return frame;
    };
    expect(drawn(7)).toMatch(/▸ run-7\.mp4/);
    expect(drawn(7)).not.toContain('run-1.mp4');
    expect(drawn(8)).toMatch(/▸ ✓ old\.mp4/);
    expect(drawn(8)).toContain('↑ 4 more');
    expect(drawn(7)).toContain('↑ 3 more · ↓ 1 more');
  });
});
