/**
 * The error hierarchy. Every error the user can see is one of these: a sentence in `message`,
 * what to do next in `hint`. The edge (CLI or UI) prints those two; details go to the debug log.
 */
export class StudioError extends Error {
  readonly hint?: string;
  readonly exitCode: number;

  constructor(message: string, options: { hint?: string; exitCode?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? 1;
  }
}

/** The user (or a shutdown) stopped the operation; nothing was left behind. */
export class CanceledError extends StudioError {
  constructor(message = 'Canceled.') {
    super(message, { exitCode: 130 });
  }
}

/**
 * A command line the command cannot take (exit 2). The CLI's edge (cli/main.ts) follows the sentence
 * with the command's usage line, so a command never renders its help unless a line was wrong.
 */
export class UsageError extends StudioError {
  constructor(message: string) {
    super(message, { exitCode: 2 });
  }
}

/**
 * What kind of media problem it is. `unsupported` and `too-large` map to Nemo 4001 and 4002;
 * `impossible` is a goal no encode can meet; `failed` is ffmpeg itself failing; `io` is the disk.
 */
export type MediaErrorKind = 'unsupported' | 'too-large' | 'impossible' | 'not-found' | 'failed' | 'io';

export class MediaError extends StudioError {
  readonly kind: MediaErrorKind;
  /** The last lines ffmpeg/ffprobe printed, for the debug log. */
  readonly stderrTail?: string;
  readonly exitStatus?: number | null;
  readonly signal?: string | null;

  constructor(
    kind: MediaErrorKind,
    message: string,
    options: { hint?: string; stderrTail?: string; exitStatus?: number | null; signal?: string | null; cause?: unknown } = {},
  ) {
    super(message, { hint: options.hint, cause: options.cause });
    this.kind = kind;
    this.stderrTail = options.stderrTail;
    this.exitStatus = options.exitStatus;
    this.signal = options.signal;
  }
}

/** A non-zero Nemo answer (`code`), or an HTTP status the protocol gives meaning to (400, 402, 429). */
export class NemoError extends StudioError {
  readonly code: number;
  readonly httpStatus?: number;

  constructor(code: number, message: string, options: { hint?: string; httpStatus?: number; cause?: unknown } = {}) {
    super(message, { hint: options.hint, cause: options.cause });
    this.code = code;
    this.httpStatus = options.httpStatus;
  }
}

/** Nemo codes, as the brief defines them. */
export const NemoCode = {
  ok: 0,
  badToken: 1001,
  sessionNotFound: 1002,
  noCredits: 2001,
  unsupportedFile: 4001,
  fileTooLarge: 4002,
  missingClientId: 400,
  planBlocksExport: 402,
  rateLimited: 429,
} as const;

/** The error and the errors that caused it, outermost first (a bounded walk down `cause`). */
export function* causeChain(error: unknown): Generator<Error> {
  for (let current = error, depth = 0; current instanceof Error && depth < 8; current = current.cause, depth++) yield current;
}

/** The disk would not take a write (full, over quota, read-only). */
export class DiskError extends StudioError {}

/** Disk failures by errno, as a system call reports them and as ffmpeg prints them (strerror). */
const DISK_PROBLEMS = [
  { code: 'ENOSPC', printed: 'No space left on device', state: 'disk is full', hint: 'Free some space, or choose another output folder, and try again.' },
  { code: 'EDQUOT', printed: 'Disk quota exceeded', state: 'disk quota is used up', hint: 'Free some space, or choose another output folder, and try again.' },
  { code: 'EROFS', printed: 'Read-only file system', state: 'disk is read-only', hint: 'Choose another output folder.' },
  { code: 'EFBIG', printed: 'File too large', state: "disk's file system cannot hold a file that large", hint: 'Choose an output folder on another disk (FAT32 holds at most 4 GB a file).' },
];

/**
 * The disk problem behind an error, if that is what it is: an errno anywhere in its cause chain,
 * or ffmpeg's own words for one in its stderr. Nothing else the error says helps the user more.
 * `onNode`: the disk is the render node's, which the user's output folder cannot change.
 */
export function diskProblem(error: unknown, onNode = false): DiskError | undefined {
  for (const current of causeChain(error)) {
    if (current instanceof DiskError) return current;
    const code = (current as NodeJS.ErrnoException).code;
    const tail = current instanceof MediaError ? (current.stderrTail ?? '') : '';
    const problem = DISK_PROBLEMS.find((known) => known.code === code || tail.includes(known.printed));
    if (!problem) continue;
    if (onNode) return new DiskError(`The render node's ${problem.state}.`, { hint: 'Free some space on the node, then try again.', cause: error });
    return new DiskError(`The ${problem.state}.`, { hint: problem.hint, cause: error });
  }
  return undefined;
}

/** A file system call's refusal in words, for errors no StudioError has worded yet: by errno, or by call and errno where only one call's is the user's to read. */
const PATH_PROBLEMS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder, not a file',
  'mkdir EEXIST': 'a file is there, not a folder',
  ENOENT: 'there is nothing there',
};

/** One human line for any error, for the edges. */
export function describeError(error: unknown): string {
  const disk = diskProblem(error);
  if (disk) return `${disk.message} ${disk.hint}`;
  if (error instanceof StudioError) return error.hint ? `${error.message} ${error.hint}` : error.message;
  const { code, path, syscall } = (error ?? {}) as NodeJS.ErrnoException;
  const problem = code && (PATH_PROBLEMS[`${syscall} ${code}`] ?? PATH_PROBLEMS[code]);
  if (problem && path) return `${path}: ${problem}. Check the path, or choose another folder.`;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** What the one-line message leaves out, for --verbose and COMPRESSOR_DEBUG=1. */
export function debugDetails(error: unknown): string {
  const lines = [error instanceof Error ? (error.stack ?? error.message) : String(error)];
  if (error instanceof MediaError && error.stderrTail) lines.push('ffmpeg said:', error.stderrTail);
  if (error instanceof Error && error.cause) lines.push('caused by:', error.cause instanceof Error ? (error.cause.stack ?? error.cause.message) : String(error.cause));
  return `${lines.join('\n')}\n`;
}
