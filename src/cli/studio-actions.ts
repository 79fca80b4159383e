import { dirname } from 'node:path';
import { asksToCancel, exportNow, handleText, isFinished, retryJob, showCredits, showTimeline, StudioWatch, type Engine } from '../studio/index.js';
import { Command, keyLabel } from '../ui/bindings.js';
import type { StudioActions } from '../ui/App.js';
import { copiedWords, systemDesktop, type Desktop } from './desktop.js';
import { completePath } from './path-completion.js';

const NOTHING_RUNNING = 'Nothing is running.';

/**
 * What the studio's keys and input line do, wired to the engine: a typed line goes through the
 * text router, a key calls its command directly. Work runs one task after another:
 * a second message never starts while a turn may still run (the brief: it would run twice and cost
 * twice). A failure becomes one error line and the queue goes on.
 */
export function studioActions(
  engine: Engine,
  options: {
    outDir: string;
    /** Outputs of local files go beside them until a folder is named (no -o and no configured folder). */
    besideSources?: boolean;
    autoExport: () => boolean;
    quit: () => void;
    onSend?: (text: string) => void;
    saveOutDir?: (dir: string) => void;
    saveAutoExport?: (on: boolean) => void;
    /** Start from a new, empty project instead of the one the last studio left (plain mode: piped lines must not render an old timeline). */
    fresh?: boolean;
    /** The file manager and the clipboard (default: the system's, the clipboard through stdout). */
    desktop?: Desktop;
    /** Where a bare file name of a job to retry is looked for last (default: the current folder). */
    cwd?: string;
    /** The lines sent so far, earlier runs' included: the paths typed there let a retry find a file after a restart. */
    lines?: () => readonly string[];
  },
): StudioActions & { idle(): Promise<void>; close(): Promise<void> } {
  // "set the output folder to …" moves it for the rest of the studio (and, saved, for the next one).
  let outDir = options.outDir;
  let besideSources = options.besideSources ?? false;
  const setOutDir = (dir: string) => {
    outDir = dir;
    besideSources = false;
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
  // "watch DIR" works to the goal said last, as the files in the studio do.
  let watchGoal: string | undefined;
  const onGoal = (text: string) => (watchGoal = text);
  const watch = new StudioWatch(engine);
  const desktop = options.desktop ?? systemDesktop(process.stdout);
  // Studio exports record a file's name, not its path: the paths uploaded here let a retry find it.
  const uploaded = new Set<string>();
  const stopListening = engine.subscribe((event) => {
    if (event.name === 'upload:progress') for (const file of event.payload.files) uploaded.add(file);
  });
  const act = (text: string) => void work(() => handleText(engine, text, { outDir, besideSources, autoExport: options.autoExport(), setOutDir, setAutoExport: options.saveAutoExport, watch, watchGoal, onGoal }));
  work(() => (options.fresh ? engine.openNewSession() : engine.openSession()).then(() => engine.credits()));
  // A typed "cancel" does what Ctrl+X does; with several jobs running, which one is for the picker.
  const cancelTyped = () => {
    const running = engine.jobs().filter((job) => !isFinished(job));
    if (running.length === 0) engine.notify(NOTHING_RUNNING);
    else if (running.length === 1) engine.cancel(running[0].id);
    else engine.notify(`${running.length} jobs are running: press ${keyLabel(Command.CancelJob)} and pick one with ↑/↓.`);
  };
  return {
    send(text) {
      options.onSend?.(text);
      if (asksToCancel(text)) cancelTyped();
      else act(text);
    },
    export: () => void work(() => exportNow(engine, outDir, { besideSources })),
    timeline: () => void work(() => showTimeline(engine)),
    credits: () => void work(() => showCredits(engine)),
    cancel: (jobId) => engine.cancel(jobId),
    nothingToCancel: () => engine.notify(NOTHING_RUNNING),
    openFolder: (path) => {
      const dir = dirname(path);
      void desktop.openFolder(dir).then((opened) => engine.notify(opened ? `Opened ${dir}` : `No file manager can open it from here (no display, as over SSH); the folder is ${dir}`));
    },
    copyPath: (path) => void desktop.copy(path).then((place) => engine.notify(copiedWords(place, path))),
    retry: (job) => void work(() => retryJob(engine, job, { outDir, besideSource: besideSources, cwd: options.cwd ?? process.cwd(), uploaded: [...uploaded], lines: options.lines?.() })),
    complete: (partial) => completePath(partial),
    quit: options.quit,
    idle: () => work(async () => {}),
    /** Stops the watch folder the studio started, if any; files it is compressing finish. */
    close: async () => {
      stopListening();
      await watch.stop();
    },
  };
}
