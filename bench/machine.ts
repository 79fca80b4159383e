import os from 'node:os';
import { capabilities, locateFfmpeg } from '../src/media/index.js';

/** The machine a benchmark ran on, for the results file: timings mean nothing without it. */
export type Machine = {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  ffmpeg: string;
  ffmpegPath: string;
  /** HandBrakeCLI's version, or why it is left out; absent where HandBrake plays no part. */
  handbrake?: string;
  /** 1-minute load average when the run started: other work on the box slows every tool. */
  loadAverage: number;
  date: string;
};

/** Describes this machine; `handbrake` says which HandBrakeCLI took part (or that none did). */
export async function describeMachine(handbrake?: string): Promise<Machine> {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    ffmpeg: (await capabilities()).version,
    ffmpegPath: locateFfmpeg().ffmpeg,
    handbrake,
    loadAverage: os.loadavg()[0],
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}

/** The machine as a short Markdown list. */
export function machineMarkdown(machine: Machine): string {
  return [
    `- Date: ${machine.date}`,
    `- CPU: ${machine.cpu}, ${machine.cores} cores; memory ${machine.memoryGiB} GiB; ${machine.os}; Node ${machine.node}`,
    `- Load average at start: ${machine.loadAverage.toFixed(2)} (the machine was shared; timings include that noise)`,
    `- ffmpeg: ${machine.ffmpeg} (${machine.ffmpegPath})`,
    ...(machine.handbrake ? [`- HandBrakeCLI: ${machine.handbrake}`] : []),
  ].join('\n');
}
