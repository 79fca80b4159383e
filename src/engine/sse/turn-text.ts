import { assertNever, type ChatEvent } from './chat-event.js';

/** The text of a turn so far: whole messages, then the chunks of the one still streaming. */
export type TurnText = { committed: string; pending: string };

/** An empty turn. */
export const emptyTurnText: TurnText = { committed: '', pending: '' };

/** Folds one event into the turn's text: chunks pile up, a final replaces them. Pure; the turn (turn.ts) is the one place that assembles a reply. */
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
