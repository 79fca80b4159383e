import { UsageError } from '../errors.js';
import { parseInstruction } from '../goal/parse-instruction.js';
import { remarkText } from '../goal/remark-words.js';
import { summarizeInstruction } from '../goal/summarize-instruction.js';
import { parseCommandArgs } from './command-args.js';

/**
 * `compressor-studio plan TEXT [--json]`: says what an instruction will do, without doing it.
 * TEXT may be several words (`plan under 10MB for discord`). Plain output is a few lines for a
 * person; `--json` is one line: `{"intent","goal","summary"}`, plus `unknown` and `ambiguities`
 * when there are any.
 */
export async function planCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs({ args, options: { json: { type: 'boolean', default: false } }, allowPositionals: true });
  const text = positionals.join(' ').trim();
  if (text === '') throw new UsageError('No instruction to plan.');

  const parsed = parseInstruction(text);
  const summary = summarizeInstruction(parsed);
  // The command and its JSON speak English: the parser's remarks are worded so here.
  const ambiguities = parsed.ambiguities.map((remark) => remarkText(remark, 'en'));
  if (values.json) {
    const { intent, goal, unknown } = parsed;
    process.stdout.write(
      `${JSON.stringify({ intent, goal, summary, ...(unknown.length > 0 && { unknown }), ...(ambiguities.length > 0 && { ambiguities }) })}\n`,
    );
    return 0;
  }
  const lines = [`${parsed.intent}: ${summary}`];
  if (parsed.unknown.length > 0) lines.push(`Not understood: ${parsed.unknown.join(', ')}`);
  for (const question of ambiguities) lines.push(`? ${question}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
