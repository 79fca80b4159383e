import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../../bench/bench-options.js';
import type { QualityRow } from '../../bench/quality-bench.js';
import { qualityLines, qualityReport, qualityVerdicts } from '../../bench/quality-report.js';

const rows: QualityRow[] = [
  { clip: 'a.mp4', tool: 'ours', vmaf: 95.6, bytes: 1040, wallMs: 3000, crf: 24, searchMs: 800, encodeMs: 2000, verifyMs: 200 },
  { clip: 'a.mp4', tool: 'naive-crf', vmaf: 94, bytes: 900, wallMs: 2000, crf: 23 },
  { clip: 'a.mp4', tool: 'oracle', vmaf: 95.1, bytes: 1000, wallMs: 9000, crf: 24 },
  { clip: 'b.mp4', tool: 'ours', vmaf: 94.2, bytes: 1300, wallMs: 6000, crf: 20, encodeMs: 4000, verifyMs: 800 },
  { clip: 'b.mp4', tool: 'naive-crf', error: 'failed' },
  { clip: 'b.mp4', tool: 'oracle', vmaf: 95.3, bytes: 1000, wallMs: 9000, crf: 22 },
];

describe('the quality-mode table (table)', () => {
  it('compares ours with the oracle\'s bytes and the reference tool\'s time, per clip', () => {
    expect(qualityLines(rows)).toEqual([
      { clip: 'a.mp4', oursVmaf: 95.6, oursCrf: 24, oracleCrf: 24, bytesRatio: 1.04, naiveVmaf: 94, naiveBytesRatio: 0.9, handbrakeVmaf: undefined, oursSec: 3, timeRatio: 1.5, verifyShare: 0.1 },
      { clip: 'b.mp4', oursVmaf: 94.2, oursCrf: 20, oracleCrf: 22, bytesRatio: 1.3, naiveVmaf: undefined, naiveBytesRatio: undefined, handbrakeVmaf: undefined, oursSec: 6, timeRatio: undefined, verifyShare: 0.2 },
    ]);
  });

  it('says which of the issue\'s claims this run shows', () => {
    const verdicts = qualityVerdicts(qualityLines(rows), 'naive CRF');
    expect(verdicts[0]).toMatch(/^- FAIL VMAF ≥ 95 on every clip \(1 of 2; lowest 94\.20\)/);
    expect(verdicts[1]).toMatch(/^- FAIL bytes \/ oracle: median 1\.17/);
    expect(verdicts[2]).toMatch(/^- PASS time \/ naive CRF: median 1\.50×/);
    expect(verdicts[3]).toMatch(/^- FAIL output check ≤ 15 % of the encode: median 15 %, worst 20 %/);
    const report = qualityReport(rows, '(machine)', false);
    expect(report).toContain('not installed, left out');
    expect(report).toContain('- b.mp4 naive-crf: failed');
  });

  it('takes --quality on the bench command line', () => {
    expect(parseBenchArgs(['--quality'], { clipsDir: '/c', resultsFile: '/r' }).quality).toBe(true);
    expect(parseBenchArgs([], { clipsDir: '/c', resultsFile: '/r' }).quality).toBe(false);
  });
});
