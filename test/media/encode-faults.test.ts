import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaError } from '../../src/errors.js';
import { compress } from '../../src/media/compress.js';
import { locateFfmpeg } from '../../src/media/locate.js';
import { makeClip } from '../helpers/clips.js';

// The real ffmpeg behind a wrapper that injects one fault: x264 refusing pass 2's bitrate as
// below what pass 1 says the picture needs (it does this for real at a few kbps).
let root: string;
let scratch: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'encode-faults-'));
  scratch = path.join(root, 'tmp');
  await mkdir(scratch);
  const real = locateFfmpeg().ffmpeg;
  const wrapper = path.join(root, 'ffmpeg');
  await writeFile(
    wrapper,
    `#!/bin/sh
case " $* " in
  *" -pass 2 "*) echo "[libx264 @ 0x1] requested bitrate is too low. estimated minimum is 40 kbps" >&2; exit 1 ;;
esac
exec "${real}" "$@"
`,
  );
  await chmod(wrapper, 0o755);
  process.env.COMPRESSOR_FFMPEG = wrapper;
  process.env.TMPDIR = scratch;
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('encode faults', () => {
  it('turns x264\'s "bitrate too low" into an impossible goal that names a size that works, leaving nothing', async () => {
    const clips = path.join(root, 'clips');
    const out = path.join(root, 'out');
    await mkdir(clips);
    const input = await makeClip(clips, { seconds: 1, audio: true });
    const error = await compress(input, { targetBytes: 20_000 }, { outDir: out }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaError);
    expect(error).toMatchObject({ kind: 'impossible' });
    expect((error as MediaError).message).toMatch(/needs about 40 kbps, so the smallest this can be is about [\d.]+ KB/);
    expect(await readdir(out)).toEqual([]);
    expect(await readdir(scratch)).toEqual([]);
  });
});
