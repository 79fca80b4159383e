import { rm } from 'node:fs/promises';
import { MediaError } from '../errors.js';
import { probe } from '../media/probe.js';
import type { MediaInfo } from '../media/types.js';
import { badRequest, fileRefused } from './api-failure.js';
import { TrackType } from '../wire/draft.js';
import { uploadUrlsRequest } from '../wire/requests.js';
import { addSegment, settleSharedGoal } from './draft.js';
import { setMusic } from './draft-edits.js';
import { readBody, sendData } from './envelope.js';
import type { Router } from './router.js';
import { abortOnClose, userOf, type NodeServices } from './services.js';
import type { MediaRecord, SessionRecord } from './sessions.js';
import { mediaFolder, receiveMultipart, receiveUrls, type StoredUpload } from './uploads.js';

/**
 * The upload call: multipart `files` or JSON `urls`, streamed to disk under fresh ids, then probed.
 * All files of a request are accepted or none: one that is not a usable video (4001) or too large
 * (4002) removes every file of the request. Each accepted video becomes a video segment (an item);
 * an audio-only file (MP3, WAV, M4A, AAC) becomes the background music on the audio track.
 */
export function addUploadRoutes(router: Router, services: NodeServices): void {
  router.add('POST', '/api/upload-video/nemo_agent/me/:sid', async ({ req, res, params }) => {
    const session = services.sessions.get(params.sid, userOf(req, services).userId);
    const options = { mediaDir: mediaFolder(services.dataDir), maxBytes: services.maxUploadBytes, signal: abortOnClose(res) };
    const type = req.headers['content-type'] ?? '';
    let stored: StoredUpload[];
    if (type.startsWith('multipart/form-data')) stored = await receiveMultipart(req, options);
    else if (type.startsWith('application/json')) stored = await receiveUrls((await readBody(req, uploadUrlsRequest)).urls, { ...options, allowInternalUrls: services.allowInternalUrls });
    else throw badRequest('Upload files as multipart/form-data in the field "files", or send JSON {"urls": [...], "source_type": "url"}.');

    let records: MediaRecord[];
    try {
      const infos = await Promise.all(stored.map((file) => probeUpload(file, options.signal)));
      records = stored.map((file, index): MediaRecord => {
        const { path: _path, ...info } = infos[index];
        return { mediaId: file.mediaId, name: file.name, size: file.size, info };
      });
      await services.sessions.update(session, (record) => addToSession(record, records));
    } catch (error) {
      // All or nothing: a refused upload leaves no file and no change to the session.
      await Promise.all(stored.map((file) => rm(file.path, { force: true })));
      throw error;
    }
    sendData(res, { files: records.map((record) => ({ media_id: record.mediaId, name: record.name, size: record.size, video_info: record.info })) });
  });
}

/** Each video becomes a video segment (an item); an audio-only file becomes the background music. */
function addToSession(session: SessionRecord, records: MediaRecord[]): void {
  if (records.some((record) => record.info.video)) session.draft = settleSharedGoal(session.draft);
  for (const record of records) {
    session.media[record.mediaId] = record;
    if (!record.info.video) {
      session.draft = setMusic(session.draft, record);
      continue;
    }
    session.draft = addSegment(session.draft, TrackType.video, {
      src: record.mediaId,
      s: 0,
      d: Math.round(record.info.durationSec * 1000),
      m: { name: record.name },
    });
  }
}

/** Probes a stored upload; its errors speak of the user's file name, never the node's storage id. */
async function probeUpload(file: StoredUpload, signal: AbortSignal): Promise<MediaInfo> {
  try {
    return await probe(file.path, { signal, allowAudioOnly: true });
  } catch (error) {
    if (error instanceof MediaError && (error.kind === 'unsupported' || error.kind === 'too-large')) {
      const message = error.message.replaceAll(file.mediaId, file.name);
      throw fileRefused(error.kind === 'unsupported' ? 4001 : 4002, message, { hint: error.hint, cause: error });
    }
    throw error;
  }
}
