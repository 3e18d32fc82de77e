/**
 * `hub connector new`: the folder it makes type-checks, is found by the registry and
 * passes the shared connector contract as it is; its stubs throw the typed "not written
 * yet" error; bad ids, unknown roles and existing folders are refused.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectorNextSteps, scaffoldConnector } from '../../src/cli/connector-new.js';
import { UsageError } from '../../src/cli/usage-error.js';
import { discoverConnectors } from '../../src/registry/discover.js';
import { isHubError, type Delivery, type InboundRequest } from '../../src/sdk/index.js';
import { exampleSettings, runConnectorContract } from '../../src/sdk/testkit/contract.js';
import { refusingIntake, standInServices } from '../../src/sdk/testkit/stand-ins.js';
import { pino } from 'pino';

const ROOT = resolve(import.meta.dirname, '../..');
const workspace = mkdtempSync(join(tmpdir(), 'hub-connector-new-'));
const connectorsDir = join(workspace, 'connectors');
const pushNotify = scaffoldConnector({ id: 'acme-portal', roles: 'push,notify', connectorsDir });
const allRoles = scaffoldConnector({ id: 'beta-oms', roles: 'push, pull,deliver,notify', connectorsDir });
const registry = await discoverConnectors(connectorsDir);
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

for (const definition of registry.list()) runConnectorContract(definition);

describe('hub connector new', () => {
  it('writes index, config, a stub per role and a contract test', () => {
    expect(readdirSync(pushNotify.folder).sort()).toEqual([
      'acme-portal.test.ts', 'config.ts', 'index.ts', 'not-written-yet.ts', 'notify-channel.ts', 'receive-request.ts',
    ]);
    expect(allRoles.files).toEqual(expect.arrayContaining(['poll-orders.ts', 'deliver-order.ts']));
    expect(registry.get('acme-portal')?.roles).toEqual(['push', 'notify']);
    expect(registry.get('beta-oms')?.roles).toEqual(['push', 'pull', 'deliver', 'notify']);
  });

  it('writes code that type-checks under the project settings', () => {
    const config = join(workspace, 'tsconfig.json');
    writeFileSync(config, JSON.stringify({
      extends: join(ROOT, 'tsconfig.json'),
      compilerOptions: { rootDir: '/', noEmit: true, typeRoots: [join(ROOT, 'node_modules', '@types')] },
      include: ['connectors'],
    }));
    const checked = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', config], { encoding: 'utf8' });
    expect(checked.stdout + checked.stderr).toBe('');
    expect(checked.status).toBe(0);
  });

  it('answers with a typed error naming the file to write until a role is written', async () => {
    const definition = registry.get('beta-oms')!;
    const instance = await definition.create({
      instanceId: 'beta', channel: 'web', config: exampleSettings(definition), log: pino({ level: 'silent' }), fileLayouts: [], ...standInServices(),
    });
    const request: InboundRequest = { method: 'POST', path: '', query: {}, headers: {}, body: Buffer.from('{}'), receivedAt: new Date() };
    const receiving = await instance.receive!(request, refusingIntake).catch((error: unknown) => error);
    expect(isHubError(receiving) && receiving.kind).toBe('permanent');
    expect(isHubError(receiving) && receiving.code).toBe('NOT_WRITTEN_YET');
    expect(isHubError(receiving) && receiving.hint).toBe('write receive in connectors/beta-oms/receive-request.ts (see docs/connectors.md)');
    const delivering = await instance.deliver!({} as Delivery).catch((error: unknown) => error);
    expect((delivering as Error).message).toBe('connector beta-oms: deliver is not written yet');
  });

  it('prints what it made and what to do next', () => {
    const steps = connectorNextSteps(pushNotify, workspace);
    expect(steps).toContain('made connectors/acme-portal/ (push, notify):');
    expect(steps).toContain('connectors/acme-portal/receive-request.ts');
    expect(steps).toContain('hub mapping new --from');
    expect(steps).toContain('hub dry-run');
  });

  it('refuses an existing folder, a bad id and roles it cannot scaffold', () => {
    expect(() => scaffoldConnector({ id: 'acme-portal', roles: 'push', connectorsDir })).toThrow(/exists already: choose another id/);
    for (const id of ['Acme', 'ac', '-acme', 'acme--portal', 'acme_portal', '../acme', 'acme-']) {
      expect(() => scaffoldConnector({ id, roles: 'push', connectorsDir }), id).toThrow(UsageError);
    }
    expect(() => scaffoldConnector({ id: 'gamma', roles: 'push,ship', connectorsDir })).toThrow(/ship cannot be scaffolded/);
    expect(() => scaffoldConnector({ id: 'gamma', roles: ' , ', connectorsDir })).toThrow(/--roles needs at least one/);
    expect(readdirSync(connectorsDir).sort()).toEqual(['acme-portal', 'beta-oms']);
  });
});
