/**
 * The contract every connector passes, run by `tests/unit/connectors-contract.test.ts`
 * for each folder under `connectors/` (and by a new connector's own tests):
 * it declares itself completely, its settings schema compiles and accepts its example,
 * secrets in the example come from the environment, every role its instances play is
 * declared, and hostile input comes back as a typed error, never a crash.
 */
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createConfigAjv } from '../../config/ajv.js';
import { literalSecrets, resolveEnvRefs } from '../../config/env-refs.js';
import type { ConnectorDefinition, ConnectorInstance, InboundRequest } from '../connector.js';
import { isHubError } from '../errors/index.js';
import { refusingIntake, standInServices } from './stand-ins.js';

const ROLE_METHODS: Array<[string, keyof ConnectorInstance]> = [
  ['push', 'receive'], ['pull', 'poll'], ['listen', 'listen'], ['deliver', 'deliver'], ['deliver', 'deliverBatch'],
  ['change', 'requestChange'], ['notify', 'notify'], ['payment', 'payments'], ['ship', 'shipping'], ['track', 'tracking'],
];

/** Replaces `{ env: NAME }` in an example with a stand-in secret. */
export function exampleSettings(definition: ConnectorDefinition): Record<string, unknown> {
  const env = new Proxy({}, { get: (_t, name) => `example-${String(name).toLowerCase()}-0123456789abcdef` });
  return resolveEnvRefs(definition.exampleConfig, '', env as NodeJS.ProcessEnv, []) as Record<string, unknown>;
}

async function createExample(definition: ConnectorDefinition): Promise<ConnectorInstance> {
  return definition.create({
    instanceId: `contract-${definition.id}`, channel: 'web', config: exampleSettings(definition), log: pino({ level: 'silent' }),
    fileLayouts: [], ...standInServices(),
    // A status source (a carrier) needs its status mapping; any canonical answer does here.
    statusMapping: () => ({ status: 'in_transit' }),
  });
}

const HOSTILE_REQUESTS: Array<Partial<InboundRequest>> = [
  { method: 'POST', body: Buffer.alloc(0) },
  { method: 'POST', body: Buffer.from('{"not":"closed"') },
  { method: 'POST', body: Buffer.from('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>') },
  { method: 'GET', body: Buffer.alloc(0) },
  { method: 'POST', path: '/status', body: Buffer.from([0xff, 0xfe, 0x00, 0x41]) },
];

export function runConnectorContract<Config>(declared: ConnectorDefinition<Config>): void {
  // The contract creates instances from the example settings, whatever the connector's settings type.
  const definition = declared as unknown as ConnectorDefinition;
  describe(`connector contract: ${definition.id}`, () => {
    it('declares id, title, description, version and roles', () => {
      expect(definition.id).toMatch(/^[a-z0-9][a-z0-9-]*$/);
      expect(definition.title.length).toBeGreaterThan(2);
      expect(definition.description.length).toBeGreaterThan(10);
      expect(definition.version).toMatch(/^\d+\.\d+\.\d+/);
      expect(definition.roles.length).toBeGreaterThan(0);
    });

    it('has a settings schema that compiles and accepts its example', () => {
      const validate = createConfigAjv().compile(definition.configSchema);
      const valid = validate(exampleSettings(definition));
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    });

    it('writes every secret of its example as an environment reference', () => {
      expect(literalSecrets(definition.configSchema, definition.exampleConfig, '')).toEqual([]);
      const secretNames = JSON.stringify(definition.configSchema).match(/"x-secret":true/g) ?? [];
      if (secretNames.length > 0) expect(JSON.stringify(definition.exampleConfig)).toMatch(/"env":/);
      expect(Object.values(definition.exampleConfig).some((v) => typeof v === 'string' && /secret|password|token/i.test(v))).toBe(false);
    });

    it('plays only the roles it declares', async () => {
      const instance = await createExample(definition);
      for (const [role, method] of ROLE_METHODS) {
        if (instance[method] !== undefined) expect(definition.roles).toContain(role);
      }
      await instance.close?.();
    });

    if (!definition.roles.includes('push')) return;
    it('answers hostile inbound requests with typed errors, never a crash', async () => {
      const instance = await createExample(definition);
      expect(instance.receive).toBeTypeOf('function');
      for (const partial of HOSTILE_REQUESTS) {
        const request: InboundRequest = { method: 'POST', path: '', query: {}, headers: {}, body: Buffer.alloc(0), receivedAt: new Date(), ...partial };
        const outcome = await instance.receive!(request, refusingIntake).then((r) => ({ result: r }), (e: unknown) => ({ error: e }));
        if ('error' in outcome) expect(isHubError(outcome.error), String(outcome.error)).toBe(true);
        else expect(['order', 'status', 'stock', 'reply']).toContain(outcome.result.kind);
      }
    });
  });
}
