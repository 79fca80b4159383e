/** One block of ffmpeg's `-progress` output, made useful. */
export type FfmpegProgress = {
  /** Seconds of output written so far. */
  outTimeSec: number;
  /** Frames written so far. */
  frames: number;
  /** 0..1 of the expected output (its duration, else its frame count), when that is known. */
  fraction?: number;
  fps?: number;
  /** Multiple of real time. */
  speed?: number;
  etaSec?: number;
  done: boolean;
};

/** How long the output will be: in seconds, or in frames where its times do not count seconds. */
export type ExpectedOutput = { durationSec?: number; frames?: number };

/**
 * Returns a function to feed ffmpeg's `-progress pipe:1` text to, in chunks split anywhere. Each
 * `progress=continue|end` line ends a block and calls `onProgress`. Lines that are not `key=value`,
 * or values that are not numbers (ffmpeg prints `N/A` early on), are ignored.
 */
export function createProgressParser(expected: ExpectedOutput, onProgress: (progress: FfmpegProgress) => void): (chunk: string) => void {
  const { durationSec, frames: totalFrames } = expected;
  let pending = '';
  let block: Partial<Record<'outTimeSec' | 'frames' | 'fps' | 'speed', number>> = {};
  let lastOutTime = 0;
  let lastFrames = 0;

  const handleLine = (line: string) => {
    const eq = line.indexOf('=');
    if (eq <= 0) return;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    switch (key) {
      case 'out_time_us':
      case 'out_time_ms': // despite the name, microseconds in every ffmpeg that prints it
        setNumber('outTimeSec', Number(value) / 1e6);
        break;
      case 'frame':
        setNumber('frames', Number(value));
        break;
      case 'fps':
        setNumber('fps', Number(value));
        break;
      case 'speed':
        setNumber('speed', Number(value.replace(/x$/, '')));
        break;
      case 'progress':
        emit(value === 'end');
        break;
    }
  };

  const setNumber = (key: keyof typeof block, value: number) => {
    if (Number.isFinite(value) && value >= 0) block[key] = value;
  };

  const emit = (done: boolean) => {
    // ffmpeg can report a negative or missing time early on; progress never goes backwards.
    lastOutTime = Math.max(lastOutTime, block.outTimeSec ?? 0);
    lastFrames = Math.max(lastFrames, block.frames ?? 0);
    const speed = block.speed && block.speed > 0 ? block.speed : undefined;
    const fps = block.fps && block.fps > 0 ? block.fps : undefined;
    let fraction: number | undefined;
    let etaSec: number | undefined;
    if (durationSec !== undefined && durationSec > 0) {
      fraction = Math.min(1, lastOutTime / durationSec);
      etaSec = speed && Math.max(0, (durationSec - lastOutTime) / speed);
    } else if (totalFrames !== undefined && totalFrames > 0) {
      fraction = Math.min(1, lastFrames / totalFrames);
      etaSec = fps && Math.max(0, (totalFrames - lastFrames) / fps);
    }
    onProgress({ outTimeSec: lastOutTime, frames: lastFrames, fraction: done ? 1 : fraction, fps: block.fps, speed, etaSec: done ? 0 : etaSec, done });
    block = {};
  };

  return (chunk: string) => {
    pending += chunk;
    const lines = pending.split(/\r?\n/);
    pending = lines.pop() ?? '';
    for (const line of lines) handleLine(line);
  };
}
