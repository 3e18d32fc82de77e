/**
 * The instance's status mapping (`mappings.status`, compiled by the hub): what the
 * carrier says of one event → the canonical parcel fields `{ status, code,
 * description, location?, expectedDate? }`. An instance without one cannot tell the
 * hub where parcels are, so it is refused when created; an event the mapping refuses
 * (a code it does not know) or that maps to no parcel status is bad input, named.
 */
import { BadInputError, PARCEL_STATUSES, PermanentError, type ConnectorContext, type ParcelStatus } from '../../src/sdk/index.js';

export type StatusMapping = (input: unknown) => Record<string, unknown>;

/** What the carrier says of one event, as the mapping reads it. */
export interface CarrierEventInput {
  trackingNumber: string;
  estimatedDeliveryDate?: string;
  event: { id: string; code: string; description?: string; occurredAt: string; location?: unknown };
}

export interface CanonicalParcel {
  status: ParcelStatus;
  code?: string;
  description?: string;
  location?: string;
  expectedDate?: string;
}

export function requireStatusMapping(context: Pick<ConnectorContext<unknown>, 'instanceId' | 'statusMapping'>): StatusMapping {
  if (context.statusMapping) return context.statusMapping;
  throw new PermanentError(`instance ${context.instanceId}: a parcel-carrier instance needs a status mapping (mappings.status), which turns the carrier's event codes into parcel statuses`, {
    code: 'NO_STATUS_MAPPING',
    hint: `add "mappings: { status: mappings/parcelco-tracking.json }" (or your own copy) to instance ${context.instanceId} in the hub configuration`,
  });
}

export function applyStatusMapping(mapping: StatusMapping, input: CarrierEventInput, carrier: string): CanonicalParcel {
  const what = `${carrier} event ${input.event.code} (${input.event.id}) of parcel ${input.trackingNumber}`;
  let output: Record<string, unknown>;
  try {
    output = mapping(input);
  } catch (error) {
    throw new BadInputError(`${what}: the status mapping refused it: ${(error as Error).message}`, {
      code: 'UNMAPPED_TRACKING_EVENT', status: 422, cause: error,
      hint: 'add the carrier\'s code to the value map of the instance\'s mappings.status file; the event is read again at the next tracking poll',
    });
  }
  return canonicalParcel(output, what);
}

function canonicalParcel(output: Record<string, unknown>, what: string): CanonicalParcel {
  const status = output['status'];
  if (typeof status !== 'string' || !(PARCEL_STATUSES as readonly string[]).includes(status)) {
    throw new BadInputError(`${what}: the status mapping gave status ${JSON.stringify(status)}, not one of ${PARCEL_STATUSES.join(', ')}`, {
      code: 'UNMAPPED_TRACKING_EVENT', status: 422, hint: 'fix the value map of the instance\'s mappings.status file',
    });
  }
  const parcel: CanonicalParcel = { status: status as ParcelStatus };
  for (const key of ['code', 'description', 'location', 'expectedDate'] as const) {
    const value = output[key];
    if (typeof value === 'string' && value !== '') parcel[key] = value;
  }
  return parcel;
}
