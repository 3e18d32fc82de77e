/**
 * The Devices page's pieces: the notice when devices are not configured, the register
 * form, and the table of devices with their keys' states, what their numbered orders
 * hold, and (for `devices:manage`) the forms to rotate a key, revoke a key or revoke
 * the device. No secret is ever part of these.
 */
import type { DeviceWithSequence } from '../devices/device-directory.js';
import { liveKeys, type Device, type DeviceKey } from '../devices/device-record.js';
import type { SequenceState } from '../store/device-store.js';
import { CsrfField, PostButton, Time } from './components.js';
import { keyState } from './device-key-state.js';
import { MAX_OVERLAP_HOURS } from './overlap-hours.js';

/** What the forms need; absent when the viewer may not manage devices (or they are not configured). */
export interface ManageForms {
  csrf: string;
  /** The rotation overlap the form suggests, in hours. */
  overlapHours: string;
}

export interface RegisterValues {
  id: string;
  store: string;
  label: string;
}

export function NotConfiguredNotice() {
  return (
    <p class="notice error" role="status" data-devices-not-configured>
      Devices are not set up on this hub: set <code>devices.keySecret</code> in the hub configuration
      (from the environment, at least 32 characters) and restart the hub to register kiosks and issue their keys.
    </p>
  );
}

export function RegisterForm({ csrf, values }: { csrf: string; values: RegisterValues | undefined }) {
  return (
    <form method="post" action="/admin/devices" class="filters card" data-register-device>
      <CsrfField token={csrf} />
      <label>Device id <input name="id" required maxlength={40} size={18} value={values?.id ?? ''} placeholder="kiosk-s01-1" /></label>
      <label>Store <input name="store" required maxlength={40} size={8} value={values?.store ?? ''} placeholder="S01" /></label>
      <label>Label <input name="label" maxlength={80} size={24} value={values?.label ?? ''} placeholder="by the entrance" /></label>
      <button type="submit">Register device</button>
      <span class="muted">Ids: 1–40 letters, digits, _ and -. The key's secret is shown once, on the next page.</span>
    </form>
  );
}

export function DevicesTable({ devices, now, manage }: { devices: DeviceWithSequence[]; now: Date; manage: ManageForms | undefined }) {
  if (devices.length === 0) return <p class="card muted">No devices registered yet.</p>;
  return (
    <div class="scroll">
      <table class="devices">
        <thead><tr><th>Device</th><th>Store</th><th>Label</th><th>Registered</th><th>Status</th><th>Keys</th><th>Orders held</th>{manage ? <th>Actions</th> : null}</tr></thead>
        <tbody>{devices.map((d) => <DeviceRow device={d} now={now} manage={manage} />)}</tbody>
      </table>
    </div>
  );
}

function DeviceRow({ device, now, manage }: { device: DeviceWithSequence; now: Date; manage: ManageForms | undefined }) {
  const live = new Set(liveKeys(device, now).map((k) => k.keyId));
  return (
    <tr data-device={device.id} data-status={device.revokedAt ? 'revoked' : 'active'}>
      <td>{device.id}</td>
      <td>{device.store}</td>
      <td>{device.label ?? <span class="muted">—</span>}</td>
      <td><Time at={device.createdAt} /></td>
      <td>{device.revokedAt ? <span>revoked at <Time at={device.revokedAt} /></span> : 'active'}</td>
      <td>
        <ul class="keys">{device.keys.map((k) => (
          <KeyItem device={device} deviceKey={k} now={now} revokeWith={manage && live.has(k.keyId) ? manage.csrf : undefined} />
        ))}</ul>
      </td>
      <td><SequenceFacts sequence={device.sequence} /></td>
      {manage ? <td>{device.revokedAt ? <span class="muted">—</span> : <DeviceActions device={device} manage={manage} />}</td> : null}
    </tr>
  );
}

function KeyItem({ device, deviceKey, now, revokeWith }: { device: Device; deviceKey: DeviceKey; now: Date; revokeWith: string | undefined }) {
  const state = keyState(deviceKey, now);
  return (
    <li data-key={deviceKey.keyId} data-key-state={state.state}>
      <code>{deviceKey.keyId}</code>{' '}
      {state.state === 'current' ? 'current' : <span>{state.state} at <Time at={state.at} /></span>}
      {revokeWith ? (
        <>{' '}<PostButton action={`${deviceAction(device.id)}/keys/${encodeURIComponent(deviceKey.keyId)}/revoke`} csrf={revokeWith} label="Revoke key" kind="secondary" /></>
      ) : null}
    </li>
  );
}

/** "holds 1–N", "+K beyond a gap", and when the device last uploaded. */
function SequenceFacts({ sequence }: { sequence: SequenceState }) {
  if (sequence.highestSeen === 0) return <span class="muted" data-sequence="none">no orders yet</span>;
  return (
    <span data-sequence={`${sequence.highestContiguous}+${sequence.heldBeyondGap}`}>
      {sequence.highestContiguous > 0 ? `holds 1–${sequence.highestContiguous}` : 'waiting for no. 1'}
      {sequence.heldBeyondGap > 0 ? `, +${sequence.heldBeyondGap} beyond a gap (highest ${sequence.highestSeen})` : ''}
      {sequence.seenAt ? <><br />last upload <Time at={sequence.seenAt} /></> : null}
    </span>
  );
}

function DeviceActions({ device, manage }: { device: Device; manage: ManageForms }) {
  return (
    <>
      <PostButton action={`${deviceAction(device.id)}/rotate`} csrf={manage.csrf} label="Rotate key">
        <label>Overlap (hours) <input name="overlapHours" type="number" min="0" max={String(MAX_OVERLAP_HOURS)} step="any" value={manage.overlapHours} /></label>
      </PostButton>
      <PostButton action={`${deviceAction(device.id)}/revoke`} csrf={manage.csrf} label="Revoke device" kind="danger">
        <label><input type="checkbox" name="confirm" value="yes" required /> tick to confirm</label>
      </PostButton>
    </>
  );
}

function deviceAction(id: string): string {
  return `/admin/devices/${encodeURIComponent(id)}`;
}
