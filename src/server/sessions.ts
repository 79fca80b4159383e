import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Goal } from '../goal/types.js';
import type { MediaInfo } from '../media/types.js';
import { ApiFailure } from './api-failure.js';
import type { Draft } from '../wire/draft.js';
import type { TimelineSources } from '../wire/timeline.js';
import { emptyDraft } from './draft.js';
import { digitId, opaqueId } from './ids.js';
import { insideFolder } from './inside-folder.js';
import { JsonFile } from './persist.js';
import type { LengthOffer } from './length-offer.js';

/** The wire's video_info: MediaInfo without the node's own path. */
export type VideoInfo = Omit<MediaInfo, 'path'>;

/** An uploaded file, stored under its id; `name` is for display only and never touches the disk. */
export type MediaRecord = { mediaId: string; name: string; size: number; info: VideoInfo };

/** A session's files as the timeline's wording reads them: name, size and length by media id. */
export function sessionSources(media: Record<string, MediaRecord>): TimelineSources {
  return Object.fromEntries(Object.values(media).map((record) => [record.mediaId, { name: record.name, sizeBytes: record.info.sizeBytes, durationSec: record.info.durationSec }]));
}

/** A finished render's file, as state's generated_media lists it (the URL is built per request). */
export type GeneratedRecord = { renderId: string; mediaId: string; fileId: string; name: string; size: number; goal: Goal };

/** Everything a session holds. */
export type SessionRecord = {
  sessionId: string;
  taskId: string;
  userId: string;
  bindId: string;
  createdAt: number;
  draft: Draft;
  media: Record<string, MediaRecord>;
  generated: GeneratedRecord[];
  /** What the last reply offered to do on a yes; gone once another message comes. */
  offer?: LengthOffer;
};

/**
 * The sessions, in memory and each in its own file under `sessions/`. A session belongs to the
 * user whose token created it; any other user asking for it gets 1002, as if it did not exist.
 */
export class SessionBook {
  private readonly sessions = new Map<string, SessionRecord>();
  private readonly files = new Map<string, JsonFile<SessionRecord>>();

  private constructor(private readonly dir: string) {}

  /**
   * Loads the sessions saved under `dataDir` whose user `keepUser` keeps; the others' files are
   * removed (a user whose token expired can never reach them again).
   */
  static async open(dataDir: string, keepUser: (userId: string) => boolean = () => true): Promise<SessionBook> {
    const book = new SessionBook(join(dataDir, 'sessions'));
    let names: string[] = [];
    try {
      names = await readdir(book.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (const name of names.filter((entry) => /^\d+\.json$/.test(entry))) {
      const record = await book.fileOf(name.slice(0, -'.json'.length)).load();
      if (record && keepUser(record.userId)) book.sessions.set(record.sessionId, record);
      else await rm(insideFolder(book.dir, name), { force: true });
    }
    return book;
  }

  /** A new empty session for `userId`. */
  async create(userId: string, now: number): Promise<SessionRecord> {
    const record: SessionRecord = {
      sessionId: digitId(),
      taskId: opaqueId('task'),
      userId,
      bindId: opaqueId('bind'),
      createdAt: now,
      draft: emptyDraft(),
      media: {},
      generated: [],
    };
    this.sessions.set(record.sessionId, record);
    try {
      await this.save(record);
    } catch (error) {
      this.sessions.delete(record.sessionId);
      throw error;
    }
    return record;
  }

  /** The session `sessionId` of `userId`; 1002 when there is none (or it is someone else's). */
  get(sessionId: unknown, userId: string): SessionRecord {
    const record = typeof sessionId === 'string' ? this.sessions.get(sessionId) : undefined;
    if (!record || record.userId !== userId) {
      throw new ApiFailure(1002, 'That session was not found.', { hint: 'Create a new session and try again.' });
    }
    return record;
  }

  /** Every upload some session holds. */
  mediaIds(): Set<string> {
    return new Set([...this.sessions.values()].flatMap((record) => Object.keys(record.media)));
  }

  /** A session by id for the node's own use (renders finishing after a restart). */
  find(sessionId: string): SessionRecord | undefined {
    return this.sessions.get(sessionId);
  }

  /**
   * Changes a session and saves it. When the save fails the session is as it was, in memory as on
   * disk: a request the node refuses changes nothing.
   */
  async update(record: SessionRecord, change: (record: SessionRecord) => void): Promise<void> {
    const before = structuredClone(record);
    change(record);
    try {
      await this.save(record);
    } catch (error) {
      Object.assign(record, before);
      throw error;
    }
  }

  /** Writes a session's current state to its file. */
  save(record: SessionRecord): Promise<void> {
    return this.fileOf(record.sessionId).save(() => record);
  }

  private fileOf(sessionId: string): JsonFile<SessionRecord> {
    let file = this.files.get(sessionId);
    if (!file) {
      file = new JsonFile(insideFolder(this.dir, `${sessionId}.json`));
      this.files.set(sessionId, file);
    }
    return file;
  }
}
