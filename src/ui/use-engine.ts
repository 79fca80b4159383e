import { useSyncExternalStore } from 'react';
import { initialViewState, mediaSources, reduceView, timelineView, type EngineEvent, type TimelineView, type ViewState } from '../studio/index.js';
import { emptyTranscript, reduceTranscript, type Transcript } from './transcript.js';

/** Everything the studio shows: the engine's view state, the finished transcript, and the timeline as lines. */
export type StudioSnapshot = { view: ViewState; transcript: Transcript; timeline: Timeline };

/** The draft as the timeline pane shows it: the wire's one wording. */
export type Timeline = TimelineView;

const emptyTimeline: Timeline = { items: [] };

// Derived once per state change, not on every render.
function timelineOf(view: ViewState, previous: Timeline, previousView: ViewState): Timeline {
  if (view.state === previousView.state) return previous;
  return timelineView(view.state?.draft, mediaSources(view.state));
}

/** What the studio needs of an engine: its event stream. */
export type EventSource = { subscribe(listener: (event: EngineEvent) => void): () => void };

/** The one bridge between engine and UI: folds events into a snapshot and tells React, coalesced. */
export type StudioStore = {
  getSnapshot(): StudioSnapshot;
  subscribe(onChange: () => void): () => void;
  /** Records a line the user sent, so it stands in the transcript before the reply. */
  addUserLine(text: string): void;
  close(): void;
};

/** Progress ticks and text deltas come far faster than a terminal should redraw. */
export const COALESCE_MS = 50;

/** Subscribes to the engine at once (its backlog replays what came before) and folds every event. */
export function createStudioStore(source: EventSource, coalesceMs: number = COALESCE_MS): StudioStore {
  let snapshot: StudioSnapshot = { view: initialViewState, transcript: emptyTranscript, timeline: emptyTimeline };
  const listeners = new Set<() => void>();
  let timer: NodeJS.Timeout | undefined;
  const notify = () => {
    timer ??= setTimeout(() => {
      timer = undefined;
      for (const listener of listeners) listener();
    }, coalesceMs);
  };
  const unsubscribe = source.subscribe((event) => {
    const view = reduceView(snapshot.view, event);
    snapshot = { view, transcript: reduceTranscript(snapshot.transcript, { type: 'engine', event }), timeline: timelineOf(view, snapshot.timeline, snapshot.view) };
    notify();
  });
  return {
    getSnapshot: () => snapshot,
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    addUserLine(text) {
      snapshot = { ...snapshot, transcript: reduceTranscript(snapshot.transcript, { type: 'user', text }) };
      notify();
    },
    close() {
      unsubscribe();
      if (timer) clearTimeout(timer);
      listeners.clear();
    },
  };
}

/** Reads the studio snapshot (or a part of it) and re-renders when it changes. */
export function useEngine<T>(store: StudioStore, select: (snapshot: StudioSnapshot) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store.getSnapshot()));
}
