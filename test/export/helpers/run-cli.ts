import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { spawnCollecting, type CommandRun } from '../../helpers/spawn-collect.ts';

const root = path.resolve(import.meta.dirname, '../../..');
/** The tsx runner (relays signals to a child process) and its loader (for `node --import`, as the npm scripts run). */
export const TSX = path.join(root, 'node_modules/.bin/tsx');
export const TSX_LOADER = path.join(root, 'node_modules/tsx/dist/loader.mjs');
export const EXPORT_CLI = path.join(root, 'src/cli/export.ts');
export const BUILD_CLI = path.join(root, 'src/cli/build.ts');

export type CliResult = CommandRun;

/** Starts the export CLI as a child process; `onStdout` sees output as it comes. */
export function startCli(
  args: string[],
  options: {
    cwd: string;
    env?: NodeJS.ProcessEnv;
    onStdout?: (text: string, child: ChildProcess) => void;
    /** The command's entry file. @default the export */
    cli?: string;
    /** "node": one process, as `npm run` starts it; "tsx": tsx's runner, which relays signals to a child. @default "node" */
    runner?: 'node' | 'tsx';
  },
): { child: ChildProcess; done: Promise<CliResult> } {
  const cli = options.cli ?? EXPORT_CLI;
  const [command, commandArgs] =
    options.runner === 'tsx' ? [TSX, [cli, ...args]] : [process.execPath, ['--import', TSX_LOADER, cli, ...args]];
  return spawnCollecting(command, commandArgs, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    onStdout: options.onStdout,
  });
}

export function runCli(
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; cli?: string; runner?: 'node' | 'tsx' },
): Promise<CliResult> {
  return startCli(args, options).done;
}

/**
 * Processes whose environment carries `marker` (the CLI, its tsx and the browser inherit it;
 * Chromium starts its renderers with a clean environment, see markedProcessTree). Linux only.
 */
export function processesWithMarker(marker: string): number[] {
  if (process.platform !== 'linux') return [];
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').includes(marker)) found.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

/** A process, told apart from a later one with the same pid by its start time. */
export interface ProcessId {
  pid: number;
  start: string;
  name: string;
}

function stat(pid: number): { ppid: number; start: string; name: string; zombie: boolean } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = text.lastIndexOf(')');
    const fields = text.slice(close + 2).split(' ');
    return {
      ppid: Number(fields[1]),
      start: fields[19] ?? '',
      name: text.slice(text.indexOf('(') + 1, close),
      zombie: fields[0] === 'Z',
    };
  } catch {
    return null;
  }
}

/** The processes carrying `marker` and all their descendants (renderers, GPU, zygotes). */
export function markedProcessTree(marker: string): ProcessId[] {
  if (process.platform !== 'linux') return [];
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const s = stat(Number(entry));
    if (!s) continue;
    children.set(s.ppid, [...(children.get(s.ppid) ?? []), Number(entry)]);
  }
  const seen = new Map<number, ProcessId>();
  const todo = processesWithMarker(marker);
  while (todo.length > 0) {
    const pid = todo.pop()!;
    if (seen.has(pid)) continue;
    const s = stat(pid);
    if (!s) continue;
    seen.set(pid, { pid, start: s.start, name: s.name });
    todo.push(...(children.get(pid) ?? []));
  }
  return [...seen.values()];
}

/**
 * Those of `processes` still running (same pid and start time). A zombie has ended: in a
 * container whose PID 1 does not reap orphans, it stays listed until the container ends.
 */
export function stillRunning(processes: readonly ProcessId[]): ProcessId[] {
  return processes.filter((p) => {
    const s = stat(p.pid);
    return s !== null && s.start === p.start && !s.zombie;
  });
}
