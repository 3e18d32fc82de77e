/**
 * Order files out: the batch's file is written under a temporary name and renamed
 * (so the OMS never sees a partial file), then the optional done file. The name comes
 * from the batch id, so a retried upload replaces the same file.
 */
import { openSftp, type BatchDelivery, type DeliveryResult } from '../../src/sdk/index.js';
import type { OmsSftpConfig } from './config.js';

export function orderFileName(config: OmsSftpConfig, batchId: string): string {
  return config.fileName.replace('{batchId}', batchId);
}

export async function uploadBatch(config: OmsSftpConfig, delivery: BatchDelivery): Promise<DeliveryResult> {
  const name = orderFileName(config, delivery.batchId);
  const session = await openSftp(config);
  try {
    await session.writeAtomic(config.inbox, name, delivery.payload.bytes);
    if (config.writeDoneFiles) await session.writeEmpty(`${config.inbox}/${name}.done`);
    return { externalRef: name };
  } finally {
    await session.close();
  }
}
