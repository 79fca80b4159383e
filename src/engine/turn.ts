import type { SessionState } from './api/types.js';
import { awaitStateChange, type DropPolling } from './drop-recovery.js';
import { describeDraftChange, type TimelineSources } from '../wire/timeline.js';
import type { Draft } from '../wire/draft.js';
import type { EngineEvents } from './engine-events.js';
import { guiActions, type GuiAction } from './gui-phrases.js';
import type { NamedPlanItem } from '../wire/plan.js';
import { assertNever, type ChatEvent } from './sse/chat-event.js';
import { StreamDroppedError } from './sse/read-chat-stream.js';

/** What a turn needs from the engine: the stream (already past error recovery), state, events. */
export type TurnDeps = {
  /** Opens the reply stream; its first event has already been read, so errors before it were retried. */
  open: (signal: AbortSignal) => Promise<AsyncGenerator<ChatEvent>>;
  getState: () => Promise<SessionState>;
  /** The state before the message (to summarise what a silent turn changed). */
  before: SessionState | undefined;
  raise: <K extends 'message:delta' | 'message:done' | 'working' | 'notice'>(name: K, payload: EngineEvents[K][0]) => void;
  sources: (state: SessionState | undefined) => TimelineSources;
  timing: { workingEveryMs: number; capMs: number; dropPolling: DropPolling };
};

/**
 * How a turn ended: the reply, what the engine adds to it, the actions it asked for, the draft, and
 * `plan`: our node's plan for each video when the stream carried one (the cloud's does not).
 */
export type TurnResult = { text: string; note?: string; actions: GuiAction[]; draft?: Draft; plan?: NamedPlanItem[]; confirmed: boolean };

/**
 * One chat turn: streams the reply (raising the visible text as it grows), says "⏳ Still working…"
 * after each `workingEveryMs` of silence, and ends when the stream closes. A turn with no text, or
 * one whose stream dropped (or hit the 15-minute cap), is settled by looking at the state instead
 * of sending again. `confirmed` is false only when the node never showed the turn's effect.
 */
export async function runTurn(deps: TurnDeps, ids: { turnId: number; jobId?: string }, signal?: AbortSignal): Promise<TurnResult> {
  const sentAt = Date.now();
  const cap = AbortSignal.timeout(deps.timing.capMs);
  const streamSignal = signal ? AbortSignal.any([signal, cap]) : cap;
  let text = emptyTurnText;
  let draft: Draft | undefined;
  let plan: NamedPlanItem[] | undefined;
  let timer: NodeJS.Timeout | undefined;
  const quietFor = () => {
    clearTimeout(timer);
    timer = setTimeout(function tick() {
      deps.raise('working', { ...ids, elapsedMs: Date.now() - sentAt, text: '⏳ Still working…' });
      timer = setTimeout(tick, deps.timing.workingEveryMs);
    }, deps.timing.workingEveryMs);
  };
  quietFor();
  try {
    for await (const event of await deps.open(streamSignal)) {
      text = foldTurnText(text, event);
      switch (event.type) {
        case 'text-delta':
        case 'text-final':
          quietFor();
          deps.raise('message:delta', { ...ids, text: visibleText(text) });
          break;
        case 'state-delta':
          draft = event.draft ?? draft;
          break;
        case 'plan':
          plan = event.items;
          break;
        case 'tool-call':
        case 'tool-result':
        case 'heartbeat':
        case 'done':
          break;
        default:
          assertNever(event);
      }
    }
  } catch (error) {
    if (signal?.aborted) throw signal.reason ?? error;
    if (!(error instanceof StreamDroppedError) && !cap.aborted) throw error;
    clearTimeout(timer);
    return settleDroppedTurn(deps, ids, visibleText(text), signal);
  } finally {
    clearTimeout(timer);
  }
  const reply = visibleText(text);
  if (reply !== '') {
    deps.raise('message:done', { ...ids, text: reply });
    return { text: reply, actions: turnActions(reply, plan), draft, ...(plan ? { plan } : {}), confirmed: true };
  }
  // About a third of edits answer with no text: look at the state and say what changed.
  const after = await deps.getState();
  const note = describeDraftChange(deps.before?.draft, after.draft, deps.sources(after));
  deps.raise('message:done', { ...ids, text: '', note });
  return { text: '', note, actions: turnActions('', plan), draft: after.draft ?? draft, ...(plan ? { plan } : {}), confirmed: true };
}

async function settleDroppedTurn(deps: TurnDeps, ids: { turnId: number; jobId?: string }, partial: string, signal?: AbortSignal): Promise<TurnResult> {
  deps.raise('notice', { jobId: ids.jobId, text: 'The reply stream dropped. The message is not sent again; watching the session for its result instead.' });
  const { changed, state } = await awaitStateChange(deps.getState, deps.before, deps.timing.dropPolling, signal);
  const note = changed
    ? `The stream dropped, but the node finished: ${describeDraftChange(deps.before?.draft, state?.draft, deps.sources(state))}`
    : 'The stream dropped and the session shows no change yet. Check "status" before asking again, so the edit does not run twice.';
  deps.raise('message:done', { ...ids, text: partial, note });
  return { text: partial, note, actions: [], draft: state?.draft, confirmed: changed };
}

/**
 * What a finished turn asks the client to do. Our node sends its plan as a typed step: a plan for
 * at least one video is a draft ready to export, and nothing more is asked. The reply's GUI phrases
 * are read only for a stream without a plan (the cloud's prose). Pure.
 */
export function turnActions(reply: string, plan: NamedPlanItem[] | undefined): GuiAction[] {
  if (plan === undefined) return guiActions(reply);
  return plan.length > 0 ? [{ kind: 'export' }] : [];
}

/** The text of a turn so far: whole messages, then the chunks of the one still streaming. */
export type TurnText = { committed: string; pending: string };

/** An empty turn. */
export const emptyTurnText: TurnText = { committed: '', pending: '' };

/** Folds one event into the turn's text: chunks pile up, a final replaces them. Pure; runTurn is the one place that assembles a reply. */
export function foldTurnText(text: TurnText, event: ChatEvent): TurnText {
  switch (event.type) {
    case 'text-delta':
      return { committed: text.committed, pending: text.pending + event.text };
    case 'text-final':
      return { committed: joinMessages(text.committed, event.text), pending: '' };
    case 'tool-call':
    case 'tool-result':
    case 'plan':
    case 'state-delta':
    case 'heartbeat':
    case 'done':
      return text;
    default:
      return assertNever(event);
  }
}

/** What the user should see now. */
export function visibleText(text: TurnText): string {
  return joinMessages(text.committed, text.pending);
}

function joinMessages(first: string, second: string): string {
  if (first === '') return second;
  if (second === '') return first;
  return `${first}\n${second}`;
}
