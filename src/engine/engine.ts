import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describeError, NemoCode, NemoError } from '../errors.js';
import type { Goal } from '../goal/types.js';
import { instructionLanguage } from '../goal/language.js';
import { formatBytes } from '../units.js';
import { compress } from '../media/compress.js';
import { defaultStore } from '../store/conf-store.js';
import type { Store } from '../store/types.js';
import { createSession, getCredits, requestToken } from './api/auth-calls.js';
import { getState } from './api/state-call.js';
import { sendMessage, TURN_CAP_MS } from './api/message-call.js';
import { uploadFiles } from './api/upload-calls.js';
import type { Connection } from './api/connection.js';
import type { TimelineSources } from '../wire/timeline.js';
import type { Credits, SessionState, UploadedFile } from './api/types.js';
import { BacklogEmitter } from './backlog-emitter.js';
import { Credentials } from './credentials.js';
import { DEFAULT_DROP_POLLING, type DropPolling } from './drop-recovery.js';
import { retryAfterOf, type CallKind } from './error-policy.js';
import { exportSession, type Delivered, type ExportDeps, type ExportRequest } from './export-session.js';
import { endCutOffJob, reattachJob, resumableJobs } from './reattach.js';
import { JobBook } from './job-book.js';
import type { Job, JobAction } from './jobs.js';
import { DEFAULT_LIVE_STATE, watchState, type LiveStatePolling } from './live-state.js';
import type { Session } from './session.js';
import type { Compressor } from './size-promise.js';
import { runTurn, type TurnResult } from './turn.js';
import { withRecovery } from './with-recovery.js';

/** How the engine is built; everything but `apiBase` has a production default. */
export type EngineOptions = {
  apiBase: string;
  accessKey?: string;
  store?: Store;
  /**
   * The store's name for this node, when its URL is not stable: the embedded node gets a new port
   * each start but keeps its tokens and sessions in the same data folder.
   */
  storeKey?: string;
  /** Where NEMO_TOKEN is read from. */
  env?: NodeJS.ProcessEnv;
  /** Render polling: ~1 s for a node on this machine, 30 s for the cloud (the brief). */
  pollMs?: number;
  /** Live state while a session is open; `false` turns it off (headless runs). */
  liveState?: LiveStatePolling | false;
  workingEveryMs?: number;
  /** The 429 wait before the one retry when the node names none (Retry-After); a named one is followed. */
  rateLimitWaitMs?: number;
  dropPolling?: DropPolling;
  turnCapMs?: number;
  timeoutMs?: number;
  /** The media core's compress() (the default), for the size promise on files a node returns too big. */
  compress?: Compressor;
  language?: string;
};

export type { Session } from './session.js';

/**
 * The Nemo lifecycle — token, session, upload, message, state, export, download — as typed events.
 * Every call goes through the brief's error table (with-recovery.ts); views fold the events.
 */
export class Engine extends BacklogEmitter {
  readonly apiBase: string;
  /** What the store files this node's token, session and jobs' resume points under (its URL, unless it moves). */
  readonly storeKey: string;
  private readonly connection: Connection;
  private readonly store: Store;
  private readonly options: Required<Omit<EngineOptions, 'accessKey' | 'store' | 'storeKey' | 'env' | 'compress' | 'timeoutMs'>> & { compress: Compressor; env: NodeJS.ProcessEnv };
  private readonly credentials: Credentials;
  private readonly book: JobBook;
  private current?: Session;
  private live?: { stop: () => void; poke: () => void };
  private turns = 0;
  /** Set by a close that leaves the renders running on the node. */
  private leaving = false;
  /** The files each exported plan made (planKey), so exporting it again makes no second copy. */
  private readonly exported = new Map<string, Delivered[]>();

  constructor(options: EngineOptions) {
    super();
    this.apiBase = options.apiBase.replace(/\/+$/, '');
    this.storeKey = options.storeKey ?? this.apiBase;
    this.connection = { base: this.apiBase, accessKey: options.accessKey, timeoutMs: options.timeoutMs };
    this.store = options.store ?? defaultStore();
    const local = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(`${this.apiBase}/`);
    this.options = {
      apiBase: this.apiBase,
      env: options.env ?? process.env,
      pollMs: options.pollMs ?? (local ? 1_000 : 30_000),
      liveState: options.liveState ?? DEFAULT_LIVE_STATE,
      workingEveryMs: options.workingEveryMs ?? 120_000,
      rateLimitWaitMs: options.rateLimitWaitMs ?? 30_000,
      dropPolling: options.dropPolling ?? DEFAULT_DROP_POLLING,
      turnCapMs: options.turnCapMs ?? TURN_CAP_MS,
      compress: options.compress ?? compress,
      language: options.language ?? 'en',
    };
    this.credentials = new Credentials({
      connection: this.connection,
      store: this.store,
      storeKey: this.storeKey,
      env: this.options.env,
      requestToken: () => this.call('token', undefined, () => requestToken({ ...this.connection, token: undefined }, this.store.clientId(this.storeKey))),
      announce: (status, source) => this.raise('auth', { status, apiBase: this.apiBase, source }),
    });
    this.book = new JobBook(this.store, (job) => this.raise('job:update', job));
    for (const text of this.store.warnings) this.raise('notice', { text });
  }

  /** Gets a token (NEMO_TOKEN, the stored one, or a new anonymous one), once, shared by all callers. */
  connect(): Promise<void> {
    return this.credentials.ensure();
  }

  /** The studio's session: the one stored for this node, else a new one; live state starts. */
  async openSession(signal?: AbortSignal): Promise<Session> {
    if (this.current) return this.current;
    await this.connect();
    const stored = this.store.session(this.storeKey);
    if (stored) this.raise('session', { sessionId: stored, renewed: false });
    return this.adopt(stored ? { id: stored, uploads: [], folders: {} } : await this.newSession({ signal }));
  }

  /**
   * Leaves the studio's project for a new, empty one, remembered in its place. The old session
   * stays on the node, and exports already running from it finish.
   */
  async startOver(signal?: AbortSignal): Promise<void> {
    const session = await this.openNewSession(signal);
    await this.state({ session, signal });
    this.notify('New project: the timeline is empty. Type or paste the path of a video to start.');
  }

  /** The studio's session becomes a new, empty one (remembered in place of the old). */
  async openNewSession(signal?: AbortSignal): Promise<Session> {
    await this.connect();
    const session = await this.newSession({ signal });
    this.live?.stop();
    return this.adopt(session);
  }

  private adopt(session: Session): Session {
    this.current = session;
    this.store.saveSession(this.storeKey, session.id);
    if (this.options.liveState) {
      this.live = watchState(() => this.call('other', session, () => getState(this.connection, session.id)), (state) => this.raise('state', { sessionId: session.id, state }), this.options.liveState);
    }
    return session;
  }

  /** A fresh session of its own (one per file in `run`), not remembered as the studio's. */
  async newSession(options: { jobId?: string; signal?: AbortSignal } = {}): Promise<Session> {
    await this.connect();
    const info = await this.call('session', undefined, () => createSession(this.connection, this.options.language, options.signal));
    this.raise('session', { sessionId: info.sessionId, renewed: false, jobId: options.jobId });
    return { id: info.sessionId, bindId: info.bindId, uploads: [], folders: {}, jobId: options.jobId };
  }

  /** Uploads files into a session (default: the studio's), with progress. */
  async upload(paths: string[], options: { session?: Session; jobId?: string; signal?: AbortSignal } = {}): Promise<UploadedFile[]> {
    const session = options.session ?? (await this.openSession(options.signal));
    const files = await this.call('other', session, () =>
      uploadFiles(this.connection, session.id, paths, {
        signal: options.signal,
        onProgress: ({ sentBytes, totalBytes }) => {
          const fraction = totalBytes > 0 ? sentBytes / totalBytes : 1;
          this.raise('upload:progress', { jobId: options.jobId, files: paths, fraction });
          if (options.jobId) this.updateJob({ type: 'progress', id: options.jobId, fraction, at: Date.now() });
        },
      }),
    );
    session.uploads.push(...paths);
    rememberFolders(session, paths, files);
    this.raise('upload:done', { jobId: options.jobId, files });
    // A job shows its upload as progress; a path typed in the studio has only this line to say it arrived.
    if (options.jobId === undefined) this.notify(`Uploaded ${files.map((file) => `${file.name} (${formatBytes(file.size)})`).join(', ')}.`);
    this.live?.poke();
    return files;
  }

  /** Sends one message and follows its turn to the end (see turn.ts). Never sent twice. */
  async send(text: string, options: { session?: Session; jobId?: string; signal?: AbortSignal } = {}): Promise<TurnResult> {
    const session = options.session ?? (await this.openSession(options.signal));
    session.language = instructionLanguage(text);
    const turnId = ++this.turns;
    const before = await this.state({ session, signal: options.signal }).catch(() => undefined);
    const result = await runTurn(
      {
        open: (signal) =>
          this.call('other', session, async () => {
            const stream = sendMessage(this.connection, session.id, text, { signal });
            // Reading the first event surfaces an error answer while a retry is still safe.
            const first = await stream.next();
            return (async function* () {
              if (!first.done) yield first.value;
              yield* stream;
            })();
          }),
        getState: () => this.state({ session, signal: options.signal }),
        before,
        raise: (name, payload) => this.raise(name, payload),
        sources: mediaSources,
        timing: { workingEveryMs: this.options.workingEveryMs, capMs: this.options.turnCapMs, dropPolling: this.options.dropPolling },
      },
      { turnId, jobId: options.jobId },
      options.signal,
    );
    this.live?.poke();
    return result;
  }

  /**
   * Whether the node still holds session `id`: one restarted on wiped data has lost it, and with it
   * the media its drafts name. Asked without the recovery that would start a new session instead.
   */
  async hasSession(id: string, signal?: AbortSignal): Promise<boolean> {
    await this.connect();
    try {
      await this.call('other', undefined, () => getState(this.connection, id, signal));
      return true;
    } catch (error) {
      if (error instanceof NemoError && error.code === NemoCode.sessionNotFound) return false;
      throw error;
    }
  }

  /** The session's state (timeline, media, past renders); raised as a `state` event too. */
  async state(options: { session?: Session; signal?: AbortSignal } = {}): Promise<SessionState> {
    const session = options.session ?? (await this.openSession(options.signal));
    const state = await this.call('other', session, () => getState(this.connection, session.id, options.signal));
    this.raise('state', { sessionId: session.id, state });
    return state;
  }

  /** The credit balance. */
  async credits(signal?: AbortSignal): Promise<Credits> {
    await this.connect();
    const credits = await this.call('other', undefined, () => getCredits(this.connection, signal));
    this.raise('credits', credits);
    return credits;
  }

  /**
   * Renders the session's latest draft and delivers each output into `outDir` (a job per item,
   * or the given jobs), keeping the size promise. See export-session.ts.
   */
  async exportDraft(request: Omit<ExportRequest, 'session'> & { session?: Session }): Promise<Delivered[]> {
    const session = request.session ?? (await this.openSession(request.signal));
    // "export", then "send me the video", then "download": one plan, one encode, one file.
    const key = request.jobIds === undefined ? await this.planKey(session, request) : undefined;
    const earlier = key === undefined ? undefined : this.exported.get(key);
    if (earlier && earlier.every((delivered) => existsSync(delivered.output))) {
      this.notify(`Nothing changed since the last export: ${earlier.map((delivered) => `${delivered.output} (${formatBytes(delivered.bytes)})`).join(', ')}.`);
      return earlier;
    }
    const delivered = await exportSession(this.exportDeps(session, request.signal), { ...request, session });
    if (key !== undefined) this.exported.set(key, delivered);
    return delivered;
  }

  private exportDeps(session: Session | undefined, signal?: AbortSignal): ExportDeps {
    return {
      connection: this.connection,
      call: (kind, run) => this.call(kind, session, run),
      state: () => this.state({ session, signal }),
      raise: (name, payload) => this.raise(name, payload),
      job: (action) => this.updateJob(action),
      controllerFor: (jobId) => this.controllerFor(jobId),
      pollMs: this.options.pollMs,
      compress: this.options.compress,
      node: this.storeKey,
      leaving: () => this.leaving,
      // Taken as the export starts: its notes answer the instruction that asked for it, not one sent while it runs.
      ...(session?.language ? { language: session.language } : {}),
    };
  }

  /**
   * Takes up the jobs an earlier studio on this node left stored as running. `leftRunning`: the
   * node outlives the studio (a serve node, the cloud): each render left there by a quit (see
   * `close`) is followed again and delivered into its folder, or ends interrupted when the node no
   * longer knows it. Otherwise (the embedded node) the renders stopped with that studio, which was
   * killed mid-render: its jobs end interrupted, to retry. Call once at start; resolves when all end.
   */
  async reattach(options: { leftRunning: boolean }): Promise<void> {
    const jobs = resumableJobs(this.store.jobs(), this.storeKey);
    if (jobs.length === 0) return;
    await this.connect();
    const deps = this.exportDeps(undefined);
    await Promise.all(
      jobs.map((job) => {
        this.book.adopt(job);
        return options.leftRunning ? reattachJob(deps, job) : endCutOffJob(deps, job);
      }),
    );
  }

  // What an export's result depends on: the session's draft, the folder, the goal and the names.
  private async planKey(session: Session, request: Omit<ExportRequest, 'session'>): Promise<string> {
    const state = await this.state({ session, signal: request.signal });
    return JSON.stringify([session.id, state.draft ?? null, request.outDir, request.besideSources ?? false, request.fallbackGoal ?? null, request.names ?? null, request.replace ?? false]);
  }

  /** Starts tracking a job; `controllerFor(job.id)` is what `cancel(job.id)` aborts. */
  addJob(input: string, goal?: Goal, targetBytes?: number): Job {
    return this.book.add(input, goal, targetBytes);
  }

  /** Applies a job action, raises `job:update` and keeps the history in the store. */
  updateJob(action: JobAction): Job | undefined {
    return this.book.update(action);
  }

  /** The jobs of this run, oldest first. */
  jobs(): readonly Job[] {
    return this.book.jobs();
  }

  /** The signal a job's work runs under. */
  controllerFor(jobId: string): AbortController {
    return this.book.controllerFor(jobId);
  }

  /** Cancels a job: stops its work here and (via the export's abort handler) its render on the node. */
  cancel(jobId: string): void {
    this.book.cancel(jobId);
  }

  /** Tells the views something that is neither an error nor a reply. */
  notify(text: string, jobId?: string): void {
    this.raise('notice', { text, jobId });
  }

  /** Raises an error as one sentence for the views; returns the sentence. */
  report(error: unknown, jobId?: string): string {
    const message = describeError(error);
    this.raise('error', { message, error, jobId });
    return message;
  }

  /**
   * Stops live state polling and cancels every running job. With `leaveRenders` (a node that keeps
   * running after the studio), renders are left running on the node and their jobs stay stored as
   * running, for the next start's `reattach`; only the work here stops. Returns the jobs so left.
   */
  close(options: { leaveRenders?: boolean } = {}): readonly Job[] {
    this.live?.stop();
    const left = options.leaveRenders ? this.book.leave() : [];
    if (options.leaveRenders) this.leaving = true;
    this.book.cancel();
    return left;
  }

  /** Tells the views that the studio's watch folder started (`dir` set) or stopped (no `dir`). */
  announceWatch(watch: { dir?: string; outDir?: string }): void {
    this.raise('watch', watch);
  }

  /** Runs a call under the error table, with this engine's ways to recover. */
  call<T>(kind: CallKind, session: Session | undefined, run: () => Promise<T>): Promise<T> {
    let usedToken = this.connection.token;
    return withRecovery(
      kind,
      () => {
        usedToken = this.connection.token;
        return run();
      },
      {
        'renew-token': () => this.credentials.renew(usedToken),
        'renew-session': () => (session ? this.replaceSession(session) : Promise.resolve()),
        'renew-client-id': async () => void this.store.renewClientId(this.storeKey),
        'wait-and-retry': (error) => sleep(retryAfterOf(error) ?? this.options.rateLimitWaitMs),
      },
      () => ({ apiBase: this.apiBase, bindId: session?.bindId }),
    );
  }

  // A lost session is replaced, and what had been uploaded to it is uploaded again, so the
  // retried call finds the session as it was.
  private async replaceSession(session: Session): Promise<void> {
    const info = await this.call('session', undefined, () => createSession(this.connection, this.options.language));
    session.id = info.sessionId;
    session.bindId = info.bindId ?? session.bindId;
    if (session === this.current) this.store.saveSession(this.storeKey, session.id);
    this.raise('session', { sessionId: session.id, renewed: true, jobId: session.jobId });
    if (session.uploads.length === 0) return;
    const files = await this.call('other', undefined, () => uploadFiles(this.connection, session.id, session.uploads));
    rememberFolders(session, session.uploads, files);
  }
}

/** The node answers an upload's files in the order they were sent. */
function rememberFolders(session: Session, paths: string[], files: UploadedFile[]): void {
  files.forEach((file, index) => {
    if (paths[index] !== undefined) session.folders[file.mediaId] = dirname(paths[index]);
  });
}

/**
 * The part of the engine one file's lifecycle drives (session, upload, message, export, its job),
 * so the studio's file and watch-folder code depend on this much and not on the whole client.
 */
export type Lifecycle = Pick<Engine, 'hasSession' | 'newSession' | 'upload' | 'send' | 'exportDraft' | 'addJob' | 'updateJob' | 'controllerFor' | 'notify' | 'report'>;

/** An engine with production defaults (the real store, the media core's compress when given). */
export function createEngine(options: EngineOptions): Engine {
  return new Engine(options);
}

/** Media id → what the timeline's wording reads of it: the name a segment gives it, its size and length. */
export function mediaSources(state: SessionState | undefined): TimelineSources {
  const sources: TimelineSources = {};
  for (const [id, info] of Object.entries(state?.videoInfos ?? {})) sources[id] = { sizeBytes: info.sizeBytes, durationSec: info.durationSec };
  for (const track of state?.draft?.t ?? []) {
    for (const segment of track.sg) if (segment.src && segment.m.name) sources[segment.src] = { ...sources[segment.src], name: segment.m.name };
  }
  return sources;
}
