import { describe, expect, it } from 'vitest';
import { columns } from '../../src/ui/columns.js';
import { fitNotice, shortenPath } from '../../src/ui/fit-notice.js';

const long = '/home/someone/projects/holiday-2026/exports/final/holiday.compressed.mp4';
const copied = `Copied ${long} to tmux's buffer (prefix ] pastes it)`;

describe('notices on one row', () => {
  it.each([77, 100])('at %i columns the copy notice fits, keeps its words and the file name', (width) => {
    const fitted = fitNotice(copied, width);
    expect(Array.from(fitted).length).toBe(width);
    expect(fitted).toMatch(/^Copied \/home\/.*…\/holiday\.compressed\.mp4 to tmux's buffer \(prefix \] pastes it\)$/);
  });

  it('at 57 columns, too narrow for the file name too, the name loses its middle and the line still fits', () => {
    expect(fitNotice(copied, 57)).toBe("Copied …/holid….mp4 to tmux's buffer (prefix ] pastes it)");
  });

  it('leaves a notice that fits as it is', () => expect(fitNotice(copied, 200)).toBe(copied));

  it('shortens only as much as the row needs, the longest path first', () => {
    const text = `Opened ${long} beside /tmp/a.mp4`;
    const fitted = fitNotice(text, text.length - 10);
    expect(fitted.length).toBe(text.length - 10);
    expect(fitted).toContain(' beside /tmp/a.mp4');
  });

  it('leaves words alone: a long notice without a path, or of several lines, wraps whole', () => {
    const prose = 'Auto-export is on: a draft that is ready is exported by itself, into the output folder.';
    expect(fitNotice(prose, 40)).toBe(prose);
    expect(fitNotice(`${copied}\nsecond line`, 40)).toBe(`${copied}\nsecond line`);
  });

  it.each<[string, number, string]>([
    ['/srv/out/clip.mp4', 40, '/srv/out/clip.mp4'],
    ['/srv/out/videos/clip.mp4', 14, '/srv…/clip.mp4'],
    ['/srv/out/a-very-long-file-name.mp4', 16, '…/a-very-…me.mp4'],
    // A CJK character takes two columns, as the terminal shows it.
    ['/srv/日本/動画/旅行の記録.mp4', 14, '…/旅行の….mp4'],
    ['/srv/日本/動画/旅行の記録.mp4', 22, '/srv/…/旅行の記録.mp4'],
    ['/srv/日本/動画/旅行の記録.mp4', 24, '/srv/日…/旅行の記録.mp4'],
  ])('%s in %i columns: %s', (path, max, short) => {
    expect(shortenPath(path, max)).toBe(short);
    expect(columns(shortenPath(path, max))).toBeLessThanOrEqual(max);
  });

  it('fits a notice with a Chinese name to the row in columns', () => {
    const text = `Copied /home/someone/视频/导出/最终版本/假期旅行.compressed.mp4 to tmux's buffer`;
    const fitted = fitNotice(text, 60);
    expect(columns(fitted)).toBe(60);
    expect(fitted).toContain('…/假期旅行.compressed.mp4 to tmux');
  });
});
