import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { defaultStore } from '../store/conf-store.js';
import { checkInstruction, checkOutputFolder, notUnderstood, parseCommandArgs } from './command-args.js';

/**
 * `compressor-studio config`: shows the settings `run`, `watch` and the studio use when no flag
 * says otherwise (output folder, default instruction, auto-export, notify), or changes them.
 */
export async function configCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    {
      args,
      allowPositionals: true,
      options: { out: { type: 'string', short: 'o' }, goal: { type: 'string', short: 'g' }, 'auto-export': { type: 'string' }, notify: { type: 'string' }, reset: { type: 'boolean', default: false } },
    },
  );
  if (positionals.length > 0) throw new UsageError(`Unexpected "${positionals[0]}".`);
  const autoExport = values['auto-export'];
  if (autoExport !== undefined && !['on', 'off'].includes(autoExport)) throw new UsageError('--auto-export takes on or off.');
  const notify = values.notify;
  if (notify !== undefined && !['on', 'off'].includes(notify)) throw new UsageError('--notify takes on or off.');
  if (values.goal !== undefined && values.goal.trim() === '') throw new UsageError('--goal needs an instruction, e.g. --goal "under 25MB".');
  const leftOut = values.goal === undefined ? [] : checkInstruction(values.goal.trim(), '--goal').leftOut;
  checkOutputFolder(values.out === undefined ? undefined : resolve(values.out), '--out');
  const store = defaultStore();
  if (leftOut.length > 0) process.stderr.write(`${notUnderstood(leftOut)}\n`);
  for (const warning of store.warnings) process.stderr.write(`${warning}\n`);
  if (values.reset) store.updateSettings({ outputDir: undefined, defaultGoal: undefined, autoExport: false, notify: undefined });
  store.updateSettings({
    ...(values.out !== undefined ? { outputDir: resolve(values.out) } : {}),
    ...(values.goal !== undefined ? { defaultGoal: values.goal.trim() } : {}),
    ...(autoExport !== undefined ? { autoExport: autoExport === 'on' } : {}),
    ...(notify !== undefined ? { notify: notify === 'on' } : {}),
  });
  const settings = store.settings();
  process.stdout.write(
    [
      `Output folder: ${settings.outputDir ?? 'beside each input'}`,
      `Default instruction: ${settings.defaultGoal ?? '"compress this video" (high quality, 1080p at most)'}`,
      `Auto-export: ${settings.autoExport ? 'on' : 'off'}`,
      `Notify when a long job ends: ${settings.notify === false ? 'off' : 'on'}`,
    ].join('\n') + '\n',
  );
  return 0;
}
