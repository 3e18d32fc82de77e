/**
 * A forked helper process (load generator, HTTP sink or file sink) spoken to by request and reply over
 * its IPC channel. The child exits when the channel closes; stop() kills it and waits.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { ChildMessage, ParentMessage } from './protocol.js';

type Request = ParentMessage extends infer M ? (M extends { seq: number } ? Omit<M, 'seq'> : never) : never;

const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export class IpcChild {
  private seq = 0;
  private readonly waiting = new Map<number, { resolve: (m: ChildMessage) => void; reject: (e: Error) => void }>();

  private constructor(private readonly child: ChildProcess, readonly port: number | undefined) {
    child.on('message', (message: ChildMessage) => {
      if (!('seq' in message)) return;
      const waiter = this.waiting.get(message.seq);
      if (waiter === undefined) return;
      this.waiting.delete(message.seq);
      if (message.type === 'error') waiter.reject(new Error(message.message));
      else waiter.resolve(message);
    });
    child.on('exit', (code, signal) => {
      live.delete(child);
      for (const waiter of this.waiting.values()) waiter.reject(new Error(`child exited (${code ?? signal})`));
      this.waiting.clear();
    });
  }

  /** Forks `module` (a .ts file, run through tsx) with `args` and waits for its `ready` message. */
  static async start(module: string, args: string[] = []): Promise<IpcChild> {
    const child = fork(module, args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    live.add(child);
    const port = await new Promise<number | undefined>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`${module} exited during start (code ${code})`)));
      child.once('message', (message: ChildMessage) => {
        if (message.type === 'ready') resolve(message.port);
      });
    });
    child.removeAllListeners('exit');
    return new IpcChild(child, port);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Sends a request and resolves with the child's reply to it. */
  request(message: Request): Promise<ChildMessage> {
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      this.waiting.set(seq, { resolve, reject });
      this.child.send({ ...message, seq } as ParentMessage);
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
    live.delete(this.child);
  }
}
