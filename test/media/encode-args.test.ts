import { describe, expect, it } from 'vitest';
import { encodeArgs, isTwoPass, pictureFilters, rateFilters, subtitleOnlyArgs, videoFilters } from '../../src/media/encode-args.js';
import { planEncode } from '../../src/media/plan-encode.js';
import { leanerPlan, lowerPlan, raisePlan, withMeasuredAudio } from '../../src/media/size-retry.js';
import type { EncodePlan, MediaInfo, VideoInfo } from '../../src/media/types.js';
import type { Goal } from '../../src/goal/types.js';
import { notesText } from '../helpers/note-text.js';
import type { LeanerChange } from '../../src/media/plan-notes.js';

function info(video: Partial<VideoInfo> = {}, audio = true): MediaInfo {
  return {
    path: '/in/clip.mov', container: 'mov,mp4,m4a,3gp,3g2,mj2', durationSec: 20, sizeBytes: 40e6, bitrate: 16e6,
    video: { codec: 'hevc', width: 1920, height: 1080, displayWidth: 1920, displayHeight: 1080, displayAspect: 16 / 9, rotation: 0, avgFps: 30, realFps: 30, variableFrameRate: false, pixFmt: 'yuv420p', bitDepth: 8, ...video },
    audio: audio ? { codec: 'aac', channels: 2, sampleRate: 48000 } : undefined,
  };
}
const args = (goal: Goal, i: MediaInfo, kind: 'single' | 'pass1' | 'pass2' = 'pass2') => {
  const plan = planEncode(goal, i);
  return encodeArgs(plan, i, kind === 'single' ? { kind } : { kind, passLogPrefix: '/tmp/pl/pass' }, '/out/.tmp.mp4').join(' ');
};

describe('encodeArgs (table)', () => {
  const rows: [string, Goal, MediaInfo, 'single' | 'pass1' | 'pass2', RegExp[], RegExp[]][] = [
    ['maps only the first video and audio stream', { targetBytes: 5e6 }, info(), 'pass2', [/-map 0:v:0 -map 0:a:0\?/], [/-map 0 /]],
    ['pass 1 has no audio and writes nothing', { targetBytes: 5e6 }, info(), 'pass1', [/-pass 1 -passlogfile \/tmp\/pl\/pass/, /-an/, /-f null -$/], [/0:a/]],
    ['pass 2 is MP4 with faststart, yuv420p', { targetBytes: 5e6 }, info(), 'pass2', [/-pass 2/, /-movflags \+faststart/, /-pix_fmt yuv420p/, /-f mp4 file:\/out\/\.tmp\.mp4$/, /-c:a aac -b:a 128k -ac 2/], []],
    ['never uses -fs', { targetBytes: 5e6 }, info(), 'pass2', [], [/-fs /]],
    ['keeps VFR timestamps when no rate is set', { targetBytes: 5e6 }, info({ variableFrameRate: true, avgFps: 28 }), 'pass2', [/-vsync vfr/], [/fps=/]],
    ['a set rate is constant', { targetBytes: 5e6, fps: 24 }, info(), 'pass2', [/-vsync cfr/, /fps=24/], []],
    ['trim seeks the input and cuts the length', { targetBytes: 5e6, trim: { startSec: 2, endSec: 7 } }, info(), 'pass2', [/-ss 2\.000 -i file:\/in\/clip\.mov -t 5\.000/], []],
    ['trim to the end does not cut', { targetBytes: 5e6, trim: { startSec: 2 } }, info(), 'pass2', [/-ss 2\.000/], [/ -t /]],
    ['no -t without a trim, so the last frame stays', { targetBytes: 5e6 }, info(), 'pass2', [], [/ -t /]],
    ['mute → -an', { targetBytes: 5e6, audio: 'mute' }, info(), 'pass2', [/-an/], [/0:a/]],
    ['HDR → zscale tone-map and BT.709 tags', { targetBytes: 5e6 }, info({ hdr: 'hlg', bitDepth: 10 }), 'pass2', [/tin=arib-std-b67/, /tonemap=tonemap=hable/, /-color_trc bt709/], []],
    ['an untagged HD source scaled to SD keeps saying BT.709', { targetBytes: 300_000 }, info(), 'pass2', [/-colorspace bt709/], []],
    ['an untagged SD source says BT.601', { targetBytes: 5e6 }, info({ width: 640, height: 480, displayWidth: 640, displayHeight: 480 }), 'pass2', [/-colorspace smpte170m/], []],
    ['source colour tags are kept', { targetBytes: 5e6 }, info({ colorPrimaries: 'bt470bg', colorTransfer: 'smpte170m', colorSpace: 'bt470bg' }), 'pass2', [/-color_primaries bt470bg -color_trc smpte170m -colorspace bt470bg/], []],
    ['crop to 1:1', { targetBytes: 5e6, aspect: '1:1' }, info(), 'pass2', [/crop=1080:1080/], []],
    ['h265: x265 params carry the pass, hvc1 tag', { targetBytes: 5e6, codec: 'h265' }, info(), 'pass2', [/-x265-params log-level=error:pass=2:stats=\/tmp\/pl\/pass\.x265\.log/, /-tag:v hvc1/], [/-pass 2/]],
    ['av1: cpu-used, webm muxer, opus', { targetBytes: 5e6, container: 'webm' }, info(), 'pass2', [/-c:v libaom-av1 -strict experimental -cpu-used 8/, /-c:a libopus/, /-f webm/], [/faststart/]],
    ['quality mode is one CRF run', {}, info(), 'single', [/-crf 19/], [/-pass/, /-b:v/]],
    ['size targets use x264\'s SSIM tuning', { targetBytes: 5e6 }, info(), 'pass2', [/-preset medium -tune ssim -b:v/], []],
    ['quality mode keeps x264\'s default tuning', {}, info(), 'single', [/-preset medium -crf/], [/-tune/]],
    ['tight budget: the leanest mono AAC, at a low sample rate, so the picture keeps moving', { targetBytes: 120_000 }, info(), 'pass2', [/-c:a aac -b:a 12k -ac 1 -ar 16000/], []],
  ];
  it.each(rows)('%s', (_label, goal, i, kind, present, absent) => {
    const line = args(goal, i, kind);
    for (const re of present) expect(line).toMatch(re);
    for (const re of absent) expect(line).not.toMatch(re);
  });

  it('the first run also writes the frames picked for the check, as they reach the encoder, renumbered without gaps', () => {
    const picked = { file: '/tmp/check/frames.nut', select: 'lt(mod(n+1\\,9)\\,3)' };
    const own = planEncode({ targetBytes: 5e6 }, info({ hdr: 'hlg', bitDepth: 10 }));
    const line = encodeArgs(own, info({ hdr: 'hlg', bitDepth: 10 }), { kind: 'pass1', passLogPrefix: '/tmp/pl/pass', picked }, '/out/.tmp.mp4').join(' ');
    expect(line).toMatch(/-filter_complex \[0:v:0\]\S*tonemap=tonemap=hable\S*,split\[v\]\[p\];\[p\]select=lt\(mod\(n\+1\\,9\)\\,3\),settb=1,setpts=N,format=yuv420p\[picked\] -map \[v\]/);
    expect(line).not.toMatch(/-vf /);
    expect(line).toMatch(/-pass 1 .* -f null - -map \[picked\] -c:v rawvideo -an -f nut file:\/tmp\/check\/frames\.nut$/);
    // A set rate runs the constant-rate sync: the picked frames are spaced at it, so none is copied into a gap.
    const slower = planEncode({ targetBytes: 5e6, fps: 24 }, info());
    expect(encodeArgs(slower, info(), { kind: 'pass1', passLogPrefix: '/p', picked: { file: '/f.nut' } }, '/o.mp4').join(' ')).toMatch(/fps=24\S*,split\[v\]\[p\];\[p\]setpts=N\/\(24\*TB\),format=yuv420p\[picked\]/);
    // A one-run encode (a CRF try) writes them beside its output; pass 2 never does.
    const crf = planEncode({}, info());
    expect(encodeArgs(crf, info(), { kind: 'single', picked }, '/o.mp4').join(' ')).toMatch(/-f mp4 file:\/o\.mp4 -map \[picked\] -c:v rawvideo -an -f nut file:\/tmp\/check\/frames\.nut$/);
    expect(encodeArgs(own, info({ hdr: 'hlg', bitDepth: 10 }), { kind: 'pass2', passLogPrefix: '/p' }, '/o.mp4').join(' ')).not.toMatch(/picked|nut/);
  });

  it('SVT-AV1: one VBR pass for a size target (no -pass), its numeric preset, CRF for quality', () => {
    const target = planEncode({ targetBytes: 5e6, container: 'webm' }, info(), { svtAv1: true });
    expect(isTwoPass(target)).toBe(false);
    const line = encodeArgs(target, info(), { kind: 'single' }, '/o.webm').join(' ');
    expect(line).toMatch(/-c:v libsvtav1 -preset 8 -b:v \d+k/);
    expect(line).not.toMatch(/-pass|-strict|-cpu-used/);
    const quality = planEncode({ container: 'webm' }, info(), { svtAv1: true });
    expect(encodeArgs(quality, info(), { kind: 'single' }, '/o.webm').join(' ')).toMatch(/-c:v libsvtav1 -preset 8 -crf \d+/);
  });

  it('copy plans copy every mapped stream and skip data tracks', () => {
    const i = { ...info({ codec: 'h264' }), sizeBytes: 1e6 };
    const plan = planEncode({ targetBytes: 5e6 }, i);
    expect(plan.mode).toBe('copy');
    expect(isTwoPass(plan)).toBe(false);
    expect(encodeArgs(plan, i, { kind: 'single' }, '/o.mp4').join(' ')).toMatch(/-map 0:v:0 -map 0:a:0\? .*-c copy/);
  });

  it('filters: anamorphic pixels are squared before the crop; rotation is left to autorotate', () => {
    const dv = info({ width: 720, height: 480, displayWidth: 854, displayHeight: 480 });
    expect(videoFilters(planEncode({ targetBytes: 5e6 }, dv), dv)[0]).toBe('scale=854:480');
    const phone = info({ rotation: 90, displayWidth: 1080, displayHeight: 1920 });
    expect(videoFilters(planEncode({ targetBytes: 5e6, resolution: 720 }, phone), phone).join(',')).toMatch(/scale=720:1280/);
  });
});

describe('the rate apart from the picture (table): the output check picks frames between them', () => {
  it.each([
    ['a lower rate, a smaller picture', { targetBytes: 2e6, fps: 24, resolution: 720 } as Goal, ['fps=24'], 'scale=1280:720:flags=bicubic,setsar=1,format=yuv420p'],
    ['the source rate and size', { targetBytes: 30e6 } as Goal, [], 'setsar=1,format=yuv420p'],
  ])('%s', (_, goal, rate, picture) => {
    const i = info();
    const plan = planEncode(goal, i);
    expect(rateFilters(plan)).toEqual(rate);
    expect(pictureFilters(plan, i).join(',')).toBe(picture);
    expect(videoFilters(plan, i)).toEqual([...rate, ...pictureFilters(plan, i)]);
  });
});

describe('lowerPlan (table)', () => {
  const base: EncodePlan = planEncode({ targetBytes: 2e6 }, info());
  it.each([
    [1, 2.2e6, { sameSize: true }],
    [2, 2.1e6, { sameSize: false }],
  ])('miss %d at %d bytes', (misses, actual, { sameSize }) => {
    const next = lowerPlan(base, actual, misses, 30);
    const bytes = (kbps: number) => (kbps * 1000 * base.durationSec) / 8;
    expect(next.videoKbps).toBeLessThan(base.videoKbps as number);
    // The picture overshot by some ratio; if it does so again, the file lands just under the margin.
    const other = (base.expectedBytes as number) - bytes(base.videoKbps as number);
    const ratio = (actual - other) / bytes(base.videoKbps as number);
    const landed = other + ratio * bytes(next.videoKbps as number);
    expect(landed).toBeLessThanOrEqual(2e6 * 0.98);
    expect(landed).toBeGreaterThan(2e6 * 0.975);
    expect(next.expectedBytes).toBe(Math.round(other + bytes(next.videoKbps as number)));
    expect(next.width === base.width).toBe(sameSize);
    expect(notesText(next.notes).at(-1)).toMatch(/over 2 MB/);
  });

  it('a miss by a few bytes still lowers the bitrate by at least 1 %', () => {
    const next = lowerPlan(base, 2e6 + 10, 1, 30);
    expect(next.videoKbps).toBeLessThanOrEqual(Math.floor((base.videoKbps as number) * 0.99));
  });

  it('at the bottom of the ladder, drops frames instead', () => {
    const tiny: EncodePlan = { ...base, width: 256, height: 144, fps: undefined };
    expect(lowerPlan(tiny, 2.3e6, 2, 30).fps).toBe(15);
  });
});

describe('raisePlan (table)', () => {
  const base: EncodePlan = planEncode({ targetBytes: 2e6 }, info());
  const bytes = (kbps: number) => (kbps * 1000 * base.durationSec) / 8;
  const other = (base.expectedBytes as number) - bytes(base.videoKbps as number);

  it.each([
    ['10 % under the plan: aims where the plan meant to land', 0.9, 1 / 0.9],
    ['40 % under: raised by half at the most', 0.6, 1.5],
  ])('%s', (_label, share, scale) => {
    const actual = other + share * bytes(base.videoKbps as number);
    const next = raisePlan(base, actual) as EncodePlan;
    expect((next.videoKbps as number) / (base.videoKbps as number)).toBeCloseTo(scale, 2);
    // If the picture undershoots by the same share again, the file lands inside the target's margin.
    expect(other + share * bytes(next.videoKbps as number)).toBeLessThanOrEqual(2e6 * 0.98);
    expect(notesText(next.notes).at(-1)).toMatch(/well under the .* planned: the second pass ran again at \d+ kbps\.$/);
  });

  it.each([
    ['close enough to the plan', 0.97],
    ['over the plan', 1.02],
  ])('leaves an encode %s alone', (_label, share) => {
    expect(raisePlan(base, other + share * bytes(base.videoKbps as number))).toBeUndefined();
  });

  it('leaves a plan with no size target alone', () => {
    expect(raisePlan({ ...base, targetBytes: undefined }, 1000)).toBeUndefined();
  });
});

describe('leanerPlan (table)', () => {
  const base: EncodePlan = { ...planEncode({ targetBytes: 2e6 }, info()), videoKbps: 10 };
  const sound = { mode: 'encode' as const, kbps: 12, channels: 1 };
  it.each([
    ['a smaller frame first', { width: 640, height: 360 }, { width: 426, height: 240 }, { kind: 'frame', width: 426, height: 240 }],
    ['at 144p, half the frames', { width: 256, height: 144, fps: undefined }, { fps: 15 }, { kind: 'fps', fps: 15 }],
    ['down to one frame a second', { width: 256, height: 144, fps: 1.5 }, { fps: 1 }, { kind: 'fps', fps: 1 }],
    ['then sound the goal did not ask for, its bits to the picture', { width: 256, height: 144, fps: 1, audio: { ...sound, droppable: true } }, { audio: { mode: 'none' }, videoKbps: 22 }, { kind: 'no-sound' }],
  ] as [string, Partial<EncodePlan>, Partial<EncodePlan>, LeanerChange][])('%s', (_label, from, expected, change) => {
    const next = leanerPlan({ ...base, ...from }, 30);
    expect(next?.plan).toMatchObject(expected);
    expect(next?.change).toEqual(change);
  });

  it('nothing left to give up: sound asked for by name stays, and the caller refuses', () => {
    expect(leanerPlan({ ...base, width: 256, height: 144, fps: 1, audio: sound }, 30)).toBeUndefined();
  });
});

describe('withMeasuredAudio (table)', () => {
  const plan: EncodePlan = planEncode({ targetBytes: 2e6 }, info());
  const planned = plan.audio.mode === 'encode' ? (plan.audio.kbps * 1000 * plan.durationSec) / 8 : 0;
  it.each([
    ['quiet sound gives its spare bytes to the picture', planned * 0.2, true],
    ['sound that used its share changes nothing', planned * 0.99, 'same'],
    ['sound over its share is charged to the picture', planned * 1.1, 'shrinks'],
  ])('%s', (_label, audioBytes, expected) => {
    const next = withMeasuredAudio(plan, audioBytes);
    const change = Math.sign((next.videoKbps as number) - (plan.videoKbps as number));
    expect(change).toBe(expected === true ? 1 : expected === 'same' ? 0 : -1);
    // Whatever the sound weighed, the plan still adds up to at most the target.
    expect((next.videoKbps as number) * 1000 * plan.durationSec / 8 + audioBytes).toBeLessThanOrEqual(2e6);
  });

  it('says so in a note only when the picture\'s rate moves by 5 % or more', () => {
    const quiet = withMeasuredAudio(plan, planned * 0.2);
    expect((quiet.videoKbps as number) / (plan.videoKbps as number)).toBeGreaterThan(1.05);
    expect(notesText(quiet.notes).at(-1)).toMatch(/^The sound took .* set aside: the picture gets the rest/);
    const slightlyOver = withMeasuredAudio(plan, planned * 1.02);
    expect((slightlyOver.videoKbps as number) / (plan.videoKbps as number)).toBeGreaterThan(0.95);
    expect(slightlyOver.notes).toEqual(plan.notes);
  });

  it('leaves a plan alone when the target was not what limited it', () => {
    const roomy = planEncode({ targetBytes: 500e6 }, info());
    expect(withMeasuredAudio(roomy, 1000)).toBe(roomy);
  });

  it('pass 2 muxes pre-encoded sound as it is', () => {
    const line = encodeArgs(plan, info(), { kind: 'pass2', passLogPrefix: '/p/pass', audioFile: '/p/audio.mkv' }, '/o.mp4').join(' ');
    expect(line).toMatch(/-i file:\/in\/clip\.mov -i file:\/p\/audio\.mkv .*-map 0:v:0 -map 1:a:0 .*-c:a copy/);
  });
});

describe('subtitle tracks', () => {
  it('maps the planned subtitle tracks with their encoders (after a copy\'s -c copy), never in pass 1', () => {
    const withSubs: MediaInfo = { ...info(), subtitles: [{ codec: 'hdmv_pgs_subtitle', text: false, bytes: 1, packets: 1 }, { codec: 'subrip', text: true, bytes: 1, packets: 1 }] };
    expect(args({ targetBytes: 5e6 }, withSubs)).toMatch(/-map 0:v:0 -map 0:a:0\? -map 0:s:1 .*-c:s:0 mov_text/);
    expect(args({ targetBytes: 5e6 }, withSubs, 'pass1')).not.toMatch(/0:s|-c:s/);
    // An MP4 that fits, put in Matroska: its MP4 text becomes SubRip.
    const copied: MediaInfo = { ...info({ codec: 'h264' }), sizeBytes: 1e6, subtitles: [{ codec: 'mov_text', text: true, bytes: 1, packets: 1 }] };
    const copy = planEncode({ targetBytes: 5e6, container: 'mkv' }, copied);
    expect(copy.mode).toBe('copy');
    expect(encodeArgs(copy, copied, { kind: 'single' }, '/o.mkv').join(' ')).toMatch(/-map 0:s:0 .*-c copy -c:s:0 srt/);
  });

  it('a goal of no subtitles maps none, and says they were removed', () => {
    const withSubs: MediaInfo = { ...info(), subtitles: [{ codec: 'subrip', text: true, bytes: 1, packets: 1 }] };
    const plan = planEncode({ targetBytes: 5e6, subtitles: 'none' }, withSubs);
    expect(plan.subtitles).toBeUndefined();
    expect(notesText(plan.notes)).toContain('Subtitles: removed, as asked.');
    expect(encodeArgs(plan, withSubs, { kind: 'pass2', passLogPrefix: '/p/pass' }, '/o.mp4').join(' ')).not.toMatch(/0:s|-c:s/);
    // Nothing to say where there was nothing to remove.
    expect(notesText(planEncode({ targetBytes: 5e6, subtitles: 'none' }, info()).notes).join(' ')).not.toMatch(/Subtitles/);
  });

  it('a trimmed output takes its subtitles from the file they were cut into, as they are; the cut seeks on the output side', () => {
    const withSubs: MediaInfo = { ...info(), subtitles: [{ codec: 'subrip', text: true, bytes: 1, packets: 1 }] };
    const trimmed = planEncode({ targetBytes: 5e6, trim: { startSec: 2, endSec: 7 } }, withSubs);
    const line = encodeArgs(trimmed, withSubs, { kind: 'pass2', passLogPrefix: '/p/pass', audioFile: '/p/audio.m4a', subtitleFile: '/p/subtitles.mp4' }, '/o.mp4').join(' ');
    expect(line).toMatch(/-ss 2\.000 -i file:\/in\/clip\.mov -i file:\/p\/audio\.m4a -i file:\/p\/subtitles\.mp4 -t 5\.000 .*-map 1:a:0 -map 2:s .*-c:s copy/);
    expect(line).not.toMatch(/0:s/);
    expect(subtitleOnlyArgs(trimmed, withSubs, '/p/subtitles.mp4').join(' ')).toBe('-y -i file:/in/clip.mov -ss 2.000 -t 5.000 -map 0:s:0 -c:s:0 mov_text -map_metadata -1 -f mp4 file:/p/subtitles.mp4');
  });
});
