import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeError, diskProblem, MediaError, StudioError } from '../src/errors.js';
import { runFfmpeg } from '../src/media/run-ffmpeg.js';
import { toApiFailure } from '../src/server/envelope.js';

// /dev/full answers every write with ENOSPC: a full disk, for real, without filling one.

async function failure(work: Promise<unknown>): Promise<unknown> {
  return work.then(
    () => expect.unreachable('the write to /dev/full succeeded'),
    (error: unknown) => error,
  );
}

const FULL = 'The disk is full. Free some space, or choose another output folder, and try again.';

describe('a full disk', () => {
  it('is said as such when a write fails, however deep the errno is wrapped', async () => {
    const error = await failure(writeFile('/dev/full', 'x'));
    expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    expect(describeError(error)).toBe(FULL);
    expect(describeError(new MediaError('io', 'Could not write out.mp4.', { hint: 'Check the folder.', cause: error }))).toBe(FULL);
  });

  it("is read from ffmpeg's own words when ffmpeg is the one writing", async () => {
    // MP4, not Matroska: Debian's ffmpeg 5.1 ignores a failed Matroska write and exits 0, while
    // both builds fail the MP4 header write with ENOSPC.
    const error = await failure(runFfmpeg(['-y', '-f', 'lavfi', '-i', 'testsrc2=s=160x120:d=1', '-c:v', 'libx264', '-f', 'mp4', '/dev/full']));
    expect(error).toBeInstanceOf(MediaError);
    expect(describeError(error)).toBe(FULL);
  });

  it("names the render node's disk when the node's write failed, and is not re-worded further up", async () => {
    const onNode = diskProblem(await failure(writeFile('/dev/full', 'x')), true);
    expect(describeError(onNode)).toBe("The render node's disk is full. Free some space on the node, then try again.");
    expect(describeError(new StudioError('Render failed.', { cause: onNode }))).toBe(describeError(onNode));
  });

  it('reaches a client of the render node as a 507 that names the node\'s disk', async () => {
    const answer = toApiFailure(await failure(writeFile('/dev/full', 'x')));
    expect([answer.code, answer.httpStatus, answer.message, answer.hint]).toEqual([500, 507, "The render node's disk is full.", 'Free some space on the node, then try again.']);
  });

  it('words a file system refusal with its path and what to do', async () => {
    const error = await failure(writeFile('/dev/null/out.mp4', 'x'));
    expect(describeError(error)).toBe('/dev/null/out.mp4: a part of the path is a file, not a folder. Check the path, or choose another folder.');
  });

  it('words an output folder that is a file (mkdir finds a file there)', async () => {
    const here = await mkdtemp(join(tmpdir(), 'errors-'));
    await writeFile(join(here, 'notes.txt'), 'x');
    const error = await failure(mkdir(join(here, 'notes.txt'), { recursive: true }));
    expect(describeError(error)).toBe(`${join(here, 'notes.txt')}: a file is there, not a folder. Check the path, or choose another folder.`);
  });

  it('says a file system that cannot hold a file that large, from the errno or from ffmpeg', () => {
    const sentence = "The disk's file system cannot hold a file that large. Choose an output folder on another disk (FAT32 holds at most 4 GB a file).";
    expect(describeError(diskProblem(Object.assign(new Error('write failed'), { code: 'EFBIG' })))).toBe(sentence);
    expect(describeError(diskProblem(new MediaError('failed', 'ffmpeg failed.', { stderrTail: 'av_interleaved_write_frame(): File too large' })))).toBe(sentence);
  });

  it('leaves every other error to its own words', () => {
    expect(diskProblem(new MediaError('failed', 'ffmpeg failed.', { stderrTail: 'Invalid data found when processing input' }))).toBeUndefined();
    expect(describeError(new StudioError('Nothing to export yet.', { hint: 'Upload a video first.' }))).toBe('Nothing to export yet. Upload a video first.');
  });
});
