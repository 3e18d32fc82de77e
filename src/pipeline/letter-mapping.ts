/**
 * Which mapping a dead letter concerns, and the version it met. Only `deliver` jobs of a
 * target that sends one order per request do: the target's outbound mapping rendered
 * the payload, and the render failed or the target refused what it rendered. Inbound
 * mapping problems never become dead letters (the order goes to review with every
 * reason); a batching target writes many orders into one file with the mapping loaded
 * now; change requests, notices and payments are not replayed with another version.
 */
import type { CompiledMapping, MappingRef } from '../mapping/index.js';
import type { DeadLetter } from '../store/dead-letters.js';
import { NotVersionedError } from './mapping-version-errors.js';
import type { HubRuntime, LiveInstance } from './runtime.js';

/** A target whose deliveries are rendered one order at a time by its outbound mapping. */
export type VersionedTarget = LiveInstance & { outbound: CompiledMapping };

export interface LetterMapping {
  letter: DeadLetter;
  target: VersionedTarget;
  /** The version the failed job rendered with; undefined for dead letters from before versions were recorded. */
  used: MappingRef | undefined;
  /** The version this process has loaded now. */
  current: CompiledMapping;
}

/** The version a job is pinned to (`data.mapping`), when it carries one. */
export function pinOf(data: unknown): MappingRef | undefined {
  const mapping = (data as { mapping?: unknown } | undefined)?.mapping;
  if (typeof mapping !== 'object' || mapping === null) return undefined;
  const { id, version } = mapping as Record<string, unknown>;
  return typeof id === 'string' && typeof version === 'string' ? { id, version } : undefined;
}

/** The target, when its `jobName` jobs render one order with its outbound mapping. */
export function versionedTarget(runtime: HubRuntime, instanceId: string, jobName: string): VersionedTarget | undefined {
  const instance = runtime.instances.get(instanceId);
  if (jobName !== 'deliver' || !instance?.connector.deliver || instance.connector.batch || !instance.outbound) return undefined;
  return instance as VersionedTarget;
}

/** What a failing job rendered with, for its dead letter: its pin, else the target's mapping loaded in this process. */
export function mappingUsedBy(runtime: HubRuntime, stage: DeadLetter['stage'], instanceId: string, job: { name: string; data: unknown }): MappingRef | undefined {
  const target = stage === 'deliver' ? versionedTarget(runtime, instanceId, job.name) : undefined;
  if (!target) return undefined;
  return pinOf(job.data) ?? { id: target.outbound.id, version: target.outbound.version };
}

/** The mapping of a dead letter; undefined when there is no such letter; NotVersionedError when it concerns none. */
export async function letterMapping(runtime: HubRuntime, id: string): Promise<LetterMapping | undefined> {
  const letter = await runtime.deadLetters.get(id);
  if (!letter) return undefined;
  const target = letter.stage === 'deliver' ? versionedTarget(runtime, letter.instance, letter.jobName) : undefined;
  if (!target) throw new NotVersionedError(letter, whyNot(runtime, letter));
  return { letter, target, used: letter.mapping, current: target.outbound };
}

function whyNot(runtime: HubRuntime, letter: DeadLetter): string {
  const instance = runtime.instances.get(letter.instance);
  if (letter.stage === 'normalize') return 'it failed before the order was mapped (an order the inbound mapping refuses goes to review, not here)';
  if (letter.stage !== 'deliver') return `the ${letter.stage} stage does not render with a mapping file`;
  if (!instance) return `instance ${letter.instance} is no longer configured`;
  if (instance.connector.batch) return `${letter.instance} writes many orders into one file with the mapping it has loaded now`;
  if (letter.jobName !== 'deliver') return `its job (${letter.jobName}) is not an order's delivery`;
  return `${letter.instance} has no outbound mapping`;
}
