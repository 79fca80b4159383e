import { readCloudDraft } from '../../wire/draft.js';
import { callJson } from './call-json.js';
import type { Connection } from './connection.js';
import { asRecord, pick, pickNumber, pickString } from './lenient.js';
import type { GeneratedMedia, SessionState } from './types.js';

/** `GET /api/state/nemo_agent/me/<sid>/latest`: the draft, media infos and past renders. */
export async function getState(connection: Connection, sessionId: string, signal?: AbortSignal): Promise<SessionState> {
  const answer = await callJson(connection, {
    method: 'GET',
    path: `/api/state/nemo_agent/me/${encodeURIComponent(sessionId)}/latest`,
    signal,
  });
  const state = asRecord(pick(answer, 'state'));
  const infos = asRecord(state.video_infos ?? state.videoInfos);
  const generated = state.generated_media ?? state.generatedMedia;
  return {
    draft: readCloudDraft(state.draft),
    videoInfos: infos as SessionState['videoInfos'],
    generatedMedia: Array.isArray(generated) ? generated.map(readGenerated) : [],
  };
}

function readGenerated(item: unknown): GeneratedMedia {
  const record = asRecord(item);
  return {
    renderId: pickString(record, 'render_id', 'renderId'),
    mediaId: pickString(record, 'media_id', 'mediaId'),
    name: pickString(record, 'name'),
    url: pickString(record, 'url'),
    size: pickNumber(record, 'size'),
    goal: record.goal as GeneratedMedia['goal'],
  };
}
