/**
 * The SFTP link to the flat-file OMS under fault: a narrow link cut in the middle of
 * uploads, live sessions killed by the server, and sshd itself killed and restarted.
 * Batches are uploaded under a temporary name and renamed, so the OMS never reads half a
 * file, and the file ledger keeps every order delivered once.
 */
import { checkThat, type Scenario } from '../scenario.js';

export const sftpLink: Scenario = {
  name: 'sftp-link',
  summary: 'SFTP target: link cut mid-upload, sessions killed, sshd killed',
  quick: true,
  rate: 25,
  stage: { target: 'oms-sftp' },
  async inject({ stage, long, sleep }) {
    const { proxy, sshd } = stage.sftp!;
    let faults = 0;
    for (let i = 0; i < (long ? 4 : 2); i++) {
      proxy.bandwidth(16 * 1024);
      await sleep(1500);
      proxy.cutAll();
      proxy.heal();
      faults += 1;
      await sleep(1500);
    }
    await sshd.killConnections();
    faults += 1;
    await sleep(2000);
    await sshd.kill('SIGKILL');
    await sleep(long ? 10_000 : 3000);
    await sshd.restart();
    faults += 1;
    const partial = stage.sftp!.sim.files().filter((f) => f.result === 'unreadable').length;
    return { faults, checks: [checkThat('the OMS never read half a file', partial === 0, `${partial} unreadable file(s)`)] };
  },
};
