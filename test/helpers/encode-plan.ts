import type { EncodePlan } from '../../src/media/types.js';

/** An encode plan for wording tests: a 60 s 720p H.264 bitrate plan, with `fields` over it. */
export const encodePlan = (fields: Partial<EncodePlan>): EncodePlan => ({
  mode: 'bitrate',
  codec: 'h264',
  container: 'mp4',
  encoder: 'libx264',
  width: 1280,
  height: 720,
  preset: 'medium',
  audio: { mode: 'encode', kbps: 128, channels: 2 },
  durationSec: 60,
  toneMap: false,
  notes: [],
  ...fields,
});
