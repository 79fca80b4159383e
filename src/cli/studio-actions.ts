import { handleText, type Engine } from '../engine/index.js';
import type { StudioActions } from '../ui/App.js';
import { completePath } from './path-completion.js';

/**
 * What the studio's keys and input line do, wired to the engine. Work runs one task after another:
 * a second message never starts while a turn may still run (the brief: it would run twice and cost
 * twice). A failure becomes one error line and the queue goes on.
 */
export function studioActions(
  engine: Engine,
  options: {
    outDir: string;
    autoExport: () => boolean;
    quit: () => void;
    onSend?: (text: string) => void;
    saveOutDir?: (dir: string) => void;
    saveAutoExport?: (on: boolean) => void;
  },
): StudioActions & { idle(): Promise<void> } {
  // "set the output folder to …" moves it for the rest of the studio (and, saved, for the next one).
  let outDir = options.outDir;
  const setOutDir = (dir: string) => {
    outDir = dir;
    options.saveOutDir?.(dir);
  };
  let tail: Promise<void> = Promise.resolve();
  const work = (task: () => Promise<unknown>) => {
    tail = tail.then(task).then(
      () => {},
      (error) => void engine.report(error),
    );
    return tail;
  };
  const act = (text: string) => void work(() => handleText(engine, text, { outDir, autoExport: options.autoExport(), setOutDir, setAutoExport: options.saveAutoExport }));
  work(() => engine.openSession().then(() => engine.credits()));
  return {
    send(text) {
      options.onSend?.(text);
      act(text);
    },
    export: () => act('export'),
    timeline: () => act('show tracks'),
    credits: () => act('credits'),
    cancel: (jobId) => engine.cancel(jobId),
    nothingToCancel: () => engine.notify('Nothing is running.'),
    complete: (partial) => completePath(partial),
    quit: options.quit,
    idle: () => work(async () => {}),
  };
}
