import { describe, expect, it } from 'vitest';
import { wireEvents } from '../../src/engine/sse/wire-events.js';

// Our node's plan step, as agent-turn.ts sends it.
const planned = { name: 'trip.mp4', mode: 'bitrate', codec: 'h264', container: 'mp4', encoder: 'libx264', passes: 2, width: 320, height: 240, video_kbps: 700, audio: 'none', expected_bytes: 90_000, target_bytes: 1_000_000 };

describe('wireEvents', () => {
  it.each([
    ['empty data', '', [{ type: 'heartbeat' }]],
    ['short text', '{"type":"text","content":"Hi"}', [{ type: 'text-delta', text: 'Hi' }]],
    ['short tool call', '{"type":"tool_call","name":"trim","args":{"s":1}}', [{ type: 'tool-call', name: 'trim', id: undefined, args: { s: 1 } }]],
    ['short tool result', '{"type":"tool_result","name":"trim","result":"ok"}', [{ type: 'tool-result', name: 'trim', id: undefined, response: 'ok' }]],
    ['short heartbeat', '{"type":"heartbeat"}', [{ type: 'heartbeat' }]],
    ['unknown short type', '{"type":"mystery"}', []],
    ['not JSON', 'hello', []],
    ['ADK partial', '{"partial":true,"content":{"role":"model","parts":[{"text":"Com"}]}}', [{ type: 'text-delta', text: 'Com' }]],
    ['ADK final', '{"content":{"role":"model","parts":[{"text":"Done."}]}}', [{ type: 'text-final', text: 'Done.' }]],
    ['ADK thought hidden', '{"content":{"parts":[{"text":"hmm","thought":true}]}}', []],
    ['ADK user echo hidden', '{"author":"user","content":{"parts":[{"text":"compress it"}]}}', []],
    [
      'ADK function call and response',
      '{"content":{"parts":[{"functionCall":{"id":"c1","name":"probe","args":{}}},{"functionResponse":{"id":"c1","name":"probe","response":{"ok":true}}}]}}',
      [
        { type: 'tool-call', name: 'probe', id: 'c1', args: {} },
        { type: 'tool-result', name: 'probe', id: 'c1', response: { ok: true } },
      ],
    ],
    [
      'ADK state delta with a draft',
      '{"actions":{"stateDelta":{"draft":{"t":[]}}}}',
      [{ type: 'state-delta', delta: { draft: { t: [] } }, draft: { t: [], d: 0, m: {} } }],
    ],
    ['ADK empty state delta', '{"actions":{"stateDelta":{}}}', []],
    [
      "ADK 'plan' step: its response is the typed plan",
      JSON.stringify({ content: { parts: [{ functionCall: { id: 'c2', name: 'plan', args: { items: 1 } } }, { functionResponse: { id: 'c2', name: 'plan', response: { items: [planned] } } }] } }),
      [
        { type: 'tool-call', name: 'plan', id: 'c2', args: { items: 1 } },
        { type: 'plan', items: [planned] },
      ],
    ],
    ['short-form plan result', JSON.stringify({ type: 'tool_result', name: 'plan', result: { items: [planned] } }), [{ type: 'plan', items: [planned] }]],
    [
      "another agent's 'plan' tool stays a plain result",
      '{"content":{"parts":[{"functionResponse":{"name":"plan","response":{"steps":["trim","export"]}}}]}}',
      [{ type: 'tool-result', name: 'plan', id: undefined, response: { steps: ['trim', 'export'] } }],
    ],
  ])('%s', (_name, data, expected) => {
    expect(wireEvents(data)).toEqual(expected);
  });
});
