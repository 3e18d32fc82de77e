/**
 * The mapping archive: every mapping file the hub has run, kept in Redis under its
 * `id@version` of record, write-once, with its content digest, so an order can be run
 * again with the version it met after the file changed. A version already kept with
 * other content is never overwritten: the new content is kept as `<version>+<short
 * digest>` (src/mapping/version-of-record.ts). Entries are small and kept for good
 * (a dead letter may wait a long time); they are not order data.
 */
import { versionOfRecord, refText, type MappingRef, type MappingTextFormat } from '../mapping/index.js';
import type { HubRedis } from './connection.js';
import type { Keys } from './keys.js';

export interface MappingToKeep {
  id: string;
  /** The version the file declares. */
  declaredVersion: string;
  /** SHA-256 of what decides the mapping's behaviour (src/mapping/mapping-digest.ts). */
  digest: string;
  format: MappingTextFormat;
  /** The mapping file as written. */
  text: string;
  /** The file's name, without its folder. */
  fileName: string;
}

export interface ArchivedMapping extends MappingToKeep {
  /** The version of record: the declared one, or `<declared>+<short digest>`. */
  version: string;
  archivedAt: string;
}

export class MappingArchive {
  constructor(private readonly redis: HubRedis, private readonly keys: Keys) {}

  /** Keeps the mapping (once) and answers the entry that holds its content. */
  async keep(mapping: MappingToKeep): Promise<ArchivedMapping> {
    const declared = await this.claim(mapping, mapping.declaredVersion);
    const version = versionOfRecord(mapping.declaredVersion, mapping.digest, declared.digest);
    if (version === declared.version) return declared;
    const kept = await this.claim(mapping, version);
    if (kept.digest !== mapping.digest) {
      throw new Error(`mapping archive: ${refText(kept)} already holds other content; give ${mapping.fileName} a new version`);
    }
    return kept;
  }

  async get(ref: MappingRef): Promise<ArchivedMapping | undefined> {
    const text = await this.redis.get(this.keys.mappingVersion(ref.id, ref.version));
    return text ? (JSON.parse(text) as ArchivedMapping) : undefined;
  }

  /** The versions of record kept of a mapping id, oldest first. */
  async versions(id: string): Promise<string[]> {
    return this.redis.zrange(this.keys.mappingVersions(id), '0', '-1');
  }

  /** Writes the entry unless the version is taken; answers what the version holds now. */
  private async claim(mapping: MappingToKeep, version: string): Promise<ArchivedMapping> {
    const now = new Date();
    const entry: ArchivedMapping = { ...mapping, version, archivedAt: now.toISOString() };
    const key = this.keys.mappingVersion(mapping.id, version);
    const replies = await this.redis.multi()
      .set(key, JSON.stringify(entry), 'NX')
      .zadd(this.keys.mappingVersions(mapping.id), 'NX', String(now.getTime()), version)
      .get(key)
      .exec();
    const held = replies?.[2]?.[1];
    if (typeof held !== 'string') throw new Error(`mapping archive: ${refText(entry)} could not be read back`);
    return JSON.parse(held) as ArchivedMapping;
  }
}
