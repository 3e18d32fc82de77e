/**
 * The SFTP target against two faults of the server side, end to end (real OpenSSH,
 * real Redis, the OMS flat-file simulator, an in-process hub):
 *
 * - the server's disk is full: a tmpfs of 256 KiB mounted over the inbox and filled up
 *   (so the tests must run as root, as CI does). The upload is a transient failure that
 *   says the disk is full, nothing appears under the final name, the temp file does not
 *   stay behind, and once there is room the batch arrives exactly once;
 * - the hub's private key is not one the server accepts: the batch is dead-lettered after
 *   one attempt with what to check (never the key), nothing is uploaded, and after the
 *   key is authorized a replay delivers every order once.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, statfsSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeShopifyOrder } from '../../sims/storefront/index.js';
import { authHeaders, eventually } from '../support/hub.js';
import { startSftpWorld, type SftpWorld } from '../support/sftp-world.js';
import { getJson } from '../support/world.js';

interface View { state: string; timeline: Array<{ stage: string; summary: string }> }
interface Letter {
  id: string; orderId: string; instance: string; stage: string; errorKind: string; errorCode: string;
  message: string; hint: string; attempts: number;
}
interface Target {
  instance: string; role: string; deadLetters: number; counts: Record<string, number>; paused: boolean;
  breaker: { state: string; failures: number; lastError?: string; lastSuccessAt?: number };
}
interface Batch { batchId: string; state: string; orders: string[]; fileName?: string }

const NEEDS_ROOT = 'the disk-full test needs root: it mounts a small tmpfs over the SFTP server\'s inbox '
  + '(mount -t tmpfs) to fill it up; run the integration tests as root (CI does)';

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

async function view(world: SftpWorld, id: string): Promise<View> {
  return (await getJson<View>(`${world.hub.url}/api/orders/${id}`)).body;
}

async function deadLetters(world: SftpWorld): Promise<Letter[]> {
  return (await getJson<{ deadLetters: Letter[] }>(`${world.hub.url}/api/dead-letters`)).body.deadLetters;
}

async function filesTarget(world: SftpWorld): Promise<Target> {
  const { body } = await getJson<{ targets: Target[] }>(`${world.hub.url}/api/targets`);
  return body.targets.find((t) => t.instance === 'oms-files' && t.role === 'deliver')!;
}

async function batches(world: SftpWorld): Promise<Batch[]> {
  return (await getJson<{ batches: Batch[] }>(`${world.hub.url}/api/targets/oms-files/batches`)).body.batches;
}

function post(world: SftpWorld, path: string): Promise<Response> {
  return fetch(`${world.hub.url}${path}`, { method: 'POST', headers: authHeaders() });
}

async function placeOrders(world: SftpWorld, from: number, count: number): Promise<string[]> {
  const answers = await Promise.all(Array.from({ length: count }, (_, i) => world.store.sendOrderWebhook(world.webhookUrl, makeShopifyOrder(from + i))));
  return answers.map((answer) => {
    expect(answer.status).toBe(202);
    return (answer.body as { hubOrderId: string }).hubOrderId;
  });
}

async function allInState(world: SftpWorld, ids: string[], state: string, timeoutMs = 30_000): Promise<void> {
  await eventually(async () => {
    const views = await Promise.all(ids.map((id) => view(world, id)));
    return views.every((v) => v.state === state) ? true : undefined;
  }, timeoutMs, `${ids.length} order(s) to be ${state}`);
}

/** Each order reached the OMS once, in one accepted file, and its timeline says delivered once. */
async function deliveredOnce(world: SftpWorld, ids: string[]): Promise<void> {
  expect(world.oms.files()).toEqual([expect.objectContaining({ result: 'accepted', orders: ids.length })]);
  const seen = world.oms.orders().map((o) => o.hubOrderId);
  expect(seen).toHaveLength(ids.length);
  expect([...seen].sort()).toEqual([...ids].sort());
  for (const id of ids) {
    const delivered = (await view(world, id)).timeline.filter((e) => e.stage === 'deliver' && e.summary.startsWith('delivered'));
    expect(delivered).toHaveLength(1);
  }
  expect(await deadLetters(world)).toEqual([]);
}

function namesIn(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

describe('the SFTP server\'s disk is full', () => {
  let world: SftpWorld;
  let inbox = '';
  let mounted = false;

  /** Never leaves a mount behind: at the end of the file, and at process exit if the run dies before. */
  const unmount = (): void => {
    if (!mounted) return;
    try {
      execFileSync('umount', [inbox], { stdio: 'ignore' });
    } catch {
      try {
        execFileSync('umount', ['-l', inbox], { stdio: 'ignore' });
      } catch {
        return;
      }
    }
    mounted = false;
  };

  beforeAll(async () => {
    world = await startSftpWorld({
      batch: { maxOrders: 5, maxWaitMs: 60_000 },
      instance: { retry: { attempts: 100, baseDelayMs: 200, maxDelayMs: 500 } },
    });
    inbox = world.sshd.localPath(world.sshd.paths.inbox);
  }, 60_000);
  afterAll(async () => {
    unmount();
    process.off('exit', unmount);
    await world?.stop();
  });

  it('fails the upload as transient with "disk is full", leaves no file behind, and delivers the batch once after space is freed', { timeout: 120_000 }, async () => {
    expect(isRoot(), NEEDS_ROOT).toBe(true);
    // The inbox's owner and mode go to the tmpfs root, so the SFTP user may write there as before;
    // the chroot above it is untouched (sshd's ChrootDirectory rules still hold).
    const original = statSync(inbox);
    // Prepended: runs before the sshd helper's exit hook removes the temp dir.
    process.prependListener('exit', unmount);
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=256k,uid=${original.uid},gid=${original.gid},mode=${(original.mode & 0o777).toString(8)}`, 'tmpfs', inbox]);
    mounted = true;
    const filler = join(inbox, 'FILLER.bin');
    const fd = openSync(filler, 'w');
    try {
      const chunk = Buffer.alloc(4096, 0x41);
      for (;;) writeSync(fd, chunk);
    } catch (error) {
      expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    } finally {
      closeSync(fd);
    }
    expect(statfsSync(inbox).bavail).toBe(0);

    const ids = await placeOrders(world, 8000, 5);
    const failing = await eventually(async () => {
      const target = await filesTarget(world);
      return target.breaker.failures >= 2 && /disk is full/.test(target.breaker.lastError ?? '') ? target : undefined;
    }, 30_000, 'upload failures that say the disk is full');
    expect(failing.breaker.lastError).toMatch(/^SFTP oms-files \(127\.0\.0\.1:\d+\): upload \/inbox\/\.ORD_.+\.txt\.part failed: the server's disk is full \(0 bytes free in \/inbox, the file needs \d+\)$/);

    // Transient: retried, not dead-lettered; the orders wait in their sealed batch.
    expect(await deadLetters(world)).toEqual([]);
    for (const id of ids) expect((await view(world, id)).state).toBe('accepted');
    const [batch] = await batches(world);
    expect(batch).toMatchObject({ state: 'sealed' });
    expect([...batch!.orders].sort()).toEqual([...ids].sort());
    expect(namesIn(inbox).filter((n) => /^ORD_.+\.txt$/.test(n))).toEqual([]);
    expect(world.oms.files()).toEqual([]);

    // Held still (paused, nothing running), the inbox shows what a failed attempt leaves: no temp file either.
    expect((await post(world, '/api/targets/oms-files/pause')).status).toBe(200);
    await eventually(async () => ((await filesTarget(world)).counts.active === 0 ? true : undefined), 15_000, 'no upload running');
    expect(namesIn(inbox)).toEqual(['FILLER.bin']);

    unlinkSync(filler);
    expect((await post(world, '/api/targets/oms-files/resume')).status).toBe(200);
    await allInState(world, ids, 'acknowledged', 60_000);
    await deliveredOnce(world, ids);
    expect((await batches(world))[0]).toMatchObject({ state: 'uploaded', fileName: world.oms.files()[0]!.name });
    expect(namesIn(inbox).filter((n) => n.endsWith('.part'))).toEqual([]);
    expect(namesIn(join(inbox, 'processed'))).toContain(world.oms.files()[0]!.name);
    const recovered = await filesTarget(world);
    expect(recovered.breaker).toMatchObject({ state: 'closed', failures: 0 });
  });
});

describe('the hub\'s SFTP key is not one the server accepts', () => {
  let world: SftpWorld;
  let keyDir = '';
  let wrongKey = '';
  let wrongPublicKey = '';
  let wrongFingerprint = '';

  beforeAll(async () => {
    keyDir = mkdtempSync(join(tmpdir(), 'hub-test-wrong-key-'));
    const keyFile = join(keyDir, 'id_ed25519');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'order-hub test key the server does not know', '-f', keyFile]);
    wrongKey = readFileSync(keyFile, 'utf8');
    wrongPublicKey = readFileSync(`${keyFile}.pub`, 'utf8');
    wrongFingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${keyFile}.pub`]).toString().split(' ')[1]!;
    world = await startSftpWorld({ batch: { maxOrders: 3, maxWaitMs: 60_000 }, hubPrivateKey: wrongKey });
  }, 60_000);
  afterAll(async () => {
    await world?.stop();
    if (keyDir) rmSync(keyDir, { recursive: true, force: true });
  });

  it('dead-letters the batch after one attempt, says what to check without the key, and delivers once after the fix and a replay', { timeout: 90_000 }, async () => {
    const ids = await placeOrders(world, 9000, 3);
    const [letter] = await eventually(async () => {
      const letters = await deadLetters(world);
      return letters.length > 0 ? letters : undefined;
    }, 30_000, 'a dead letter');
    expect(letter).toMatchObject({ instance: 'oms-files', stage: 'deliver', errorKind: 'unauthorized', errorCode: 'AUTH_FAILED', attempts: 1 });
    expect(letter!.orderId).toMatch(/^batch:/);
    expect(letter!.message).toBe(
      `SFTP oms-files (127.0.0.1:${world.proxy.port}): the server refused the credentials of user ${world.sshd.username} (the private key ${wrongFingerprint})`);
    expect(letter!.hint).toContain('check the username and the private key');
    expect(letter!.hint).toContain(`the public key ${wrongFingerprint} must be in the server's authorized_keys for ${world.sshd.username}`);

    // Not retried: still one letter of one attempt a while later, and nothing reached the server.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await deadLetters(world)).toEqual([letter]);
    expect(namesIn(world.sshd.localPath(world.sshd.paths.inbox)).filter((n) => n.startsWith('ORD_') || n.endsWith('.part'))).toEqual([]);
    expect(world.oms.files()).toEqual([]);
    for (const id of ids) {
      const order = await view(world, id);
      expect(order.state).toBe('accepted');
      expect(order.timeline.at(-1)!.summary).toContain('dead-lettered after 1 attempt(s): SFTP oms-files');
    }
    const target = await filesTarget(world);
    expect(target.deadLetters).toBe(1);

    // What operators can read never holds the private key (nor any line of it).
    const secretLines = wrongKey.split('\n').filter((line) => line.length > 0 && !line.startsWith('-----'));
    expect(secretLines.length).toBeGreaterThan(0);
    const visible = [
      JSON.stringify(await deadLetters(world)),
      JSON.stringify((await getJson(`${world.hub.url}/api/targets`)).body),
      ...(await Promise.all(ids.map(async (id) => JSON.stringify(await view(world, id))))),
    ].join('\n');
    for (const line of secretLines) expect(visible).not.toContain(line);

    // The fix: the server learns the hub's key. Then the operator replays.
    await world.sshd.authorizeKey(wrongPublicKey);
    const replay = await post(world, '/api/dead-letters/replay?instance=oms-files');
    expect(replay.status).toBe(200);
    expect(((await replay.json()) as { replayed: unknown[] }).replayed).toHaveLength(1);
    await allInState(world, ids, 'acknowledged', 30_000);
    await deliveredOnce(world, ids);
  });
});
