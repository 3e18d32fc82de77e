/**
 * docs/reference/states-and-events.md: every order state, status event type and parcel
 * status of src/model/status.ts, in the order the code lists them, with what each means
 * (./status-meanings.ts); throws when a value has no meaning or a meaning no value.
 */
import { ORDER_STATES, PARCEL_STATUSES, STATUS_EVENT_TYPES } from '../../src/model/status.js';
import { code, generatedBanner, table } from './markdown.js';
import { ORDER_STATE_MEANINGS, PARCEL_STATUS_MEANINGS, STATUS_EVENT_MEANINGS } from './status-meanings.js';

export function statesAndEventsReference(): string {
  return [
    generatedBanner(),
    '',
    '# Order states, status events and parcel statuses',
    '',
    'From src/model/status.ts. The state machine (src/model/state-machine.ts) moves an order forward only:',
    'a stale or repeated event changes nothing. Every change is told to the channel the order came from.',
    '',
    '## Order states (`ORDER_STATES`)',
    '',
    section('state', ORDER_STATES, ORDER_STATE_MEANINGS, 'ORDER_STATES'),
    '',
    '## Status event types (`STATUS_EVENT_TYPES`)',
    '',
    'What a target (an OMS), a carrier or the hub itself reports about an order.',
    '',
    section('event', STATUS_EVENT_TYPES, STATUS_EVENT_MEANINGS, 'STATUS_EVENT_TYPES'),
    '',
    '## Parcel statuses (`PARCEL_STATUSES`)',
    '',
    'Where one parcel is, as its carrier reports it (mapped from the carrier\'s own codes by the carrier',
    'instance\'s `mappings.status`).',
    '',
    section('status', PARCEL_STATUSES, PARCEL_STATUS_MEANINGS, 'PARCEL_STATUSES'),
    '',
  ].join('\n');
}

function section(heading: string, values: readonly string[], meanings: Readonly<Record<string, string>>, list: string): string {
  const missing = values.filter((value) => !Object.hasOwn(meanings, value));
  const extra = Object.keys(meanings).filter((value) => !values.includes(value));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(`scripts/docs/status-meanings.ts is out of step with ${list}: ${[
      ...missing.map((v) => `no meaning for ${v}`), ...extra.map((v) => `${v} is not in ${list}`),
    ].join('; ')}`);
  }
  return table([heading, 'meaning'], values.map((value) => [code(value), meanings[value]!]));
}
