/**
 * One server process under test (a hub process or a floor process): spawned with
 * `node` on compiled JavaScript (compiled.ts), output to a log file, dies with the orchestrator, ready once
 * its probe URL answers 200; its RSS from /proc/<pid>/status and CPU from cpu.ts;
 * stop() sends SIGTERM (SIGKILL after 5 s) and waits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diesWithParent } from '../tests/support/parent-death.js';
import { waitForProbe } from '../tests/support/wait-for-probe.js';
import { cpuSeconds } from './cpu.js';

export interface ServerProcess {
  /** What it runs, e.g. 'hub start', 'hub worker 2', 'floor api'. */
  name: string;
  pid: number;
  logFile: string;
  memory(): { rssMb: number; peakRssMb: number };
  cpuSeconds(): number;
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** VmRSS and VmHWM (peak) of a process, in MB. */
function memoryOf(pid: number): { rssMb: number; peakRssMb: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
  } catch {
    return { rssMb: Number.NaN, peakRssMb: Number.NaN };
  }
}


/** Starts `node <args>` (compiled programs, see compiled.ts) and resolves once `probeUrl` answers 200. */
export async function launch(name: string, args: string[], env: NodeJS.ProcessEnv, probeUrl: string): Promise<ServerProcess> {
  const logFile = join(mkdtempSync(join(tmpdir(), `bench-${name.replace(/\W+/g, '-')}-`)), 'process.log');
  const fd = openSync(logFile, 'a');
  const [command, commandArgs] = await diesWithParent(process.execPath, args);
  let child: ChildProcess;
  try {
    child = spawn(command, commandArgs, { stdio: ['ignore', fd, fd], env });
  } finally {
    closeSync(fd);
  }
  live.add(child);
  const pid = child.pid!;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    live.delete(child);
  };
  try {
    await waitForProbe(probeUrl, child, logFile);
  } catch (error) {
    await stop();
    throw error;
  }
  return { name, pid, logFile, memory: () => memoryOf(pid), cpuSeconds: () => cpuSeconds(pid), stop };
}
