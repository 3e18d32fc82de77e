/**
 * A dead letter replayed with a chosen mapping version (`id@version`): the mapping must
 * be its target's outbound mapping (the one the failed delivery used, or the one loaded
 * now) and the version kept in the mapping archive. The job then carries the version and
 * the worker renders with exactly it; the delivery ledger still keeps the order from
 * being delivered twice. Every replay, pinned or not, is audited the same way.
 */
import { parseMappingRef } from '../mapping/index.js';
import { letterMapping } from './letter-mapping.js';
import { BadMappingRefError, ForeignMappingError, UnknownMappingVersionError } from './mapping-version-errors.js';
import { mappingOfRef } from './pinned-mappings.js';
import { replayDeadLetter, type ReplayResult } from './replay.js';
import type { HubRuntime } from './runtime.js';

/** Replays with `version` (`id@version`); undefined when there is no such letter; a typed refusal otherwise. */
export async function replayWithVersion(runtime: HubRuntime, id: string, version: string, actor: string): Promise<ReplayResult | undefined> {
  const found = await letterMapping(runtime, id);
  if (!found) return undefined;
  const ref = parseMappingRef(version.trim());
  if (!ref) throw new BadMappingRefError(found.letter, version);
  const ids = [...new Set([...(found.used ? [found.used.id] : []), found.current.id])];
  if (!ids.includes(ref.id)) throw new ForeignMappingError(found.letter, ref, ids);
  if (!(await mappingOfRef(runtime, ref, found.current))) {
    throw new UnknownMappingVersionError(found.letter, ref, await runtime.mappingArchive.versions(ref.id));
  }
  return replayDeadLetter(runtime, id, actor, ref);
}

/** The audit entry of one replay (`replay`, the dead letter, its order and job, the version when pinned). */
export async function auditReplay(runtime: HubRuntime, actor: string, result: ReplayResult): Promise<void> {
  await runtime.audit.record(actor, 'replay', result.id, {
    orderId: result.orderId, jobId: result.jobId, ...(result.mapping ? { mapping: result.mapping } : {}),
  });
}
