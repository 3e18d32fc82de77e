/**
 * Change requests out: the request, as the hub rendered it with the instance's
 * `mappings.changes`, is dropped in the OMS's inbox as `CHG_<changeId>.<ext>`, written
 * under a temporary name and renamed (then the optional done file). The name comes
 * from the change id, so a retried upload replaces the same file and the OMS, which
 * remembers the change ids it has handled, applies the change once. The OMS answers
 * later in a status file (CHANGE_ACCEPTED or CHANGE_REFUSED with the change id).
 */
import { openSftp, PermanentError, type ChangeAnswer, type ChangeRequest } from '../../src/sdk/index.js';
import type { OmsSftpConfig } from './config.js';

/** A change id is one plain file-name segment: `<hubOrderId>.c<n>`. */
const CHANGE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

const EXTENSIONS: Record<string, string> = {
  'text/csv': 'csv', 'text/plain': 'txt', 'application/xml': 'xml', 'text/xml': 'xml', 'application/json': 'json',
};

export function changeFileName(changeId: string, contentType: string): string {
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  return `CHG_${changeId}.${EXTENSIONS[mediaType] ?? 'txt'}`;
}

export async function uploadChange(config: OmsSftpConfig, request: ChangeRequest): Promise<ChangeAnswer> {
  const { changeId, payload } = request;
  const about = `change ${changeId} of order ${request.order.hubOrderId} (${request.externalRef})`;
  if (!payload) {
    throw new PermanentError(`${about} cannot be sent to ${config.label ?? 'the OMS'}: the instance has no mappings.changes to write the change file with`, {
      code: 'NO_CHANGE_MAPPING', hint: 'add mappings.changes to the instance (e.g. mappings/change-to-oms-csv.json), then replay the change',
    });
  }
  if (!CHANGE_ID.test(changeId)) {
    throw new PermanentError(`${about}: the change id cannot be a file name`, { code: 'BAD_CHANGE_ID', hint: 'change ids are letters, digits, ".", "_" and "-"' });
  }
  const name = changeFileName(changeId, payload.contentType);
  const session = await openSftp(config);
  try {
    await session.writeAtomic(config.inbox, name, encode(payload.body, payload.contentType));
    if (config.writeDoneFiles) await session.writeEmpty(`${config.inbox}/${name}.done`);
    return { outcome: 'pending' };
  } finally {
    await session.close();
  }
}

/** The body in the charset its content type names (UTF-8 unless it says ISO-8859-1). */
function encode(body: string, contentType: string): Buffer {
  const charset = /charset=([^;]+)/i.exec(contentType)?.[1]?.trim().toLowerCase();
  return Buffer.from(body, charset === 'iso-8859-1' || charset === 'latin1' ? 'latin1' : 'utf8');
}
