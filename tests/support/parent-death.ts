/**
 * `setpriv --pdeathsig KILL` (util-linux): the kernel SIGKILLs a server we spawned when
 * the process that spawned it dies, even where no exit hook can run (a test worker killed
 * by a signal). Empty when setpriv is missing or too old; exit hooks still cover normal exits.
 */
import { execFile as execFileCallback } from 'node:child_process';
import { promisify } from 'node:util';

const execFile = promisify(execFileCallback);
let supported: Promise<boolean> | undefined;

export function canKillWithParent(): Promise<boolean> {
  supported ??= execFile('setpriv', ['--pdeathsig', 'KILL', 'true']).then(() => true, () => false);
  return supported;
}

/** The command and arguments to spawn `binary args…` so it dies with this process. */
export async function diesWithParent(binary: string, args: string[]): Promise<[string, string[]]> {
  return (await canKillWithParent()) ? ['setpriv', ['--pdeathsig', 'KILL', binary, ...args]] : [binary, args];
}
