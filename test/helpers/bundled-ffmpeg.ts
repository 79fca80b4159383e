import { createRequire } from 'node:module';

// The setup of the project that runs the media tests again on the static ffmpeg npm installed (the
// 2018 build every install has), so the path users without a system ffmpeg take cannot rot while
// the main run uses the system's newer one.
const require = createRequire(import.meta.url);
process.env.COMPRESSOR_FFMPEG = (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
process.env.COMPRESSOR_FFPROBE = (require('@ffprobe-installer/ffprobe') as { path: string }).path;
