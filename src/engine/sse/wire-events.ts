import { readCloudDraft } from '../../wire/draft.js';
import { asRecord } from '../api/lenient.js';
import type { ChatEvent } from './chat-event.js';
import { planResponseSchema } from '../../wire/plan.js';
import { readWire } from '../../wire/read.js';

/**
 * The chat events in one SSE `data:` payload. Accepts the documented short form
 * (`{"type":"text","content":...}`, `tool_call`, `tool_result`, `heartbeat`) and ADK events
 * (`content.parts` of text / functionCall / functionResponse, `partial`, `actions.stateDelta`).
 * Empty data is a heartbeat; anything unreadable is ignored rather than shown raw. A 'plan' step's
 * result that reads as our node's plan becomes a typed `plan` event. Pure.
 */
export function wireEvents(data: string): ChatEvent[] {
  if (data.trim() === '') return [{ type: 'heartbeat' }];
  let payload: unknown;
  try {
    payload = JSON.parse(data);
  } catch {
    return [];
  }
  const record = asRecord(payload);
  return typeof record.type === 'string' ? shortFormEvents(record) : adkEvents(record);
}

function shortFormEvents(record: Record<string, unknown>): ChatEvent[] {
  const name = typeof record.name === 'string' ? record.name : typeof record.tool === 'string' ? record.tool : '';
  const id = typeof record.id === 'string' ? record.id : undefined;
  switch (record.type) {
    case 'text': {
      const text = record.content ?? record.text;
      return typeof text === 'string' && text !== '' ? [{ type: 'text-delta', text }] : [];
    }
    case 'tool_call':
      return [{ type: 'tool-call', name, id, args: record.args ?? record.arguments ?? record.input }];
    case 'tool_result':
      return [toolResult(name, id, record.result ?? record.content ?? record.output)];
    case 'heartbeat':
      return [{ type: 'heartbeat' }];
    default:
      return [];
  }
}

function adkEvents(record: Record<string, unknown>): ChatEvent[] {
  const events: ChatEvent[] = [];
  const content = asRecord(record.content);
  const fromUser = record.author === 'user';
  const parts = Array.isArray(content.parts) ? content.parts.map(asRecord) : [];
  const text = parts
    .filter((part) => typeof part.text === 'string' && part.thought !== true)
    .map((part) => part.text as string)
    .join('');
  for (const part of parts) {
    const call = asRecord(part.functionCall ?? part.function_call);
    if (typeof call.name === 'string') events.push({ type: 'tool-call', name: call.name, id: optionalString(call.id), args: call.args });
    const response = asRecord(part.functionResponse ?? part.function_response);
    if (typeof response.name === 'string') events.push(toolResult(response.name, optionalString(response.id), response.response));
  }
  if (text !== '' && !fromUser) events.push(record.partial === true ? { type: 'text-delta', text } : { type: 'text-final', text });
  const delta = asRecord(asRecord(record.actions).stateDelta ?? asRecord(record.actions).state_delta);
  if (Object.keys(delta).length > 0) events.push({ type: 'state-delta', delta, draft: readCloudDraft(delta.draft) });
  return events;
}

/**
 * A tool's result; our node's 'plan' step as the typed plan. A 'plan' result in another shape (some
 * other agent's tool of that name) stays a plain result: the client then reads the reply's prose.
 */
function toolResult(name: string, id: string | undefined, response: unknown): ChatEvent {
  const plan = name === 'plan' ? readWire(planResponseSchema, response) : undefined;
  return plan?.ok ? { type: 'plan', items: plan.value.items } : { type: 'tool-result', name, id, response };
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
