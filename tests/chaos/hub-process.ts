/**
 * One hub process of the chaos stage (`hub api` or `hub worker`), run as a real
 * process from the command line entry, so faults are real signals: SIGKILL in the
 * middle of a job, SIGTERM under load, a fresh start afterwards. Its log (JSON lines)
 * goes to a file that the run keeps and searches for secrets.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { diesWithParent } from '../support/parent-death.js';
import { hasExited, waitForExit } from '../support/child-exit.js';
import { waitForProbe } from '../support/wait-for-probe.js';

export type HubRole = 'api' | 'worker';

export interface HubProcess {
  role: HubRole;
  /** Where /healthz answers (the API, or the worker's probe port). */
  probeUrl: string;
  logFile: string;
  pid(): number | undefined;
  running(): boolean;
  start(): Promise<void>;
  /** Sends `signal` and waits for the exit; resolves with how long the exit took (ms) and the exit code. */
  signal(signal: NodeJS.Signals, timeoutMs?: number): Promise<{ ms: number; code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

export interface HubProcessOptions {
  role: HubRole;
  configFile: string;
  /** The API's port (from the config) or the worker's probe port. */
  port: number;
  logFile: string;
  env: NodeJS.ProcessEnv;
}

const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export function hubProcess(options: HubProcessOptions): HubProcess {
  let child: ChildProcess | undefined;
  const probeUrl = `http://127.0.0.1:${options.port}/healthz`;
  const args = ['--import', 'tsx', 'src/cli/main.ts', options.role, '--config', options.configFile,
    ...(options.role === 'worker' ? ['--probe-port', String(options.port)] : [])];

  async function start(): Promise<void> {
    if (child && !hasExited(child)) throw new Error(`hub ${options.role} is already running`);
    const [command, commandArgs] = await diesWithParent(process.execPath, args);
    const fd = openSync(options.logFile, 'a');
    try {
      child = spawn(command, commandArgs, { stdio: ['ignore', fd, fd], env: options.env });
    } finally {
      closeSync(fd);
    }
    const started = child;
    live.add(started);
    started.once('exit', () => live.delete(started));
    await waitForProbe(probeUrl, started, options.logFile);
  }

  async function signal(name: NodeJS.Signals, timeoutMs = 40_000) {
    const target = child;
    if (!target || hasExited(target)) return { ms: 0, code: target?.exitCode ?? null, signal: target?.signalCode ?? null };
    const began = Date.now();
    target.kill(name);
    if (!(await waitForExit(target, timeoutMs))) {
      target.kill('SIGKILL');
      await waitForExit(target, 5_000);
    }
    return { ms: Date.now() - began, code: target.exitCode, signal: target.signalCode };
  }

  return {
    role: options.role,
    probeUrl,
    logFile: options.logFile,
    pid: () => (child && !hasExited(child) ? child.pid : undefined),
    running: () => child !== undefined && !hasExited(child),
    start,
    signal,
    stop: async () => { await signal('SIGTERM', 10_000); },
  };
}
