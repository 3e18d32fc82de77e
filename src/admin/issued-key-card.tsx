/**
 * The one time a device key's secret is on screen: in the page that answers the
 * register or rotate form (never in a URL, a cookie or a redirect), with the plain
 * instruction to install it on the kiosk now. After a rotation it says until when the
 * device's previous key keeps working.
 */
import type { IssuedKey } from '../devices/device-directory.js';
import { liveKeys, type Device } from '../devices/device-record.js';
import { Time } from './components.js';

export interface Issued {
  device: Device;
  key: IssuedKey;
  /** How the key came about: a new device, or a rotation of an existing one's key. */
  cause: 'registered' | 'rotated';
}

export function IssuedKeyCard({ issued, now }: { issued: Issued; now: Date }) {
  const { device, key } = issued;
  return (
    <section class="card" data-issued-key={key.keyId}>
      <h2>{issued.cause === 'registered' ? `Device ${device.id} registered` : `New key for ${device.id}`}</h2>
      <p class="notice" role="alert"><strong>Install this key on the kiosk now; it is not shown again.</strong> The hub keeps no copy of the secret.</p>
      <dl class="facts">
        <dt>Device</dt><dd><code>{device.id}</code></dd>
        <dt>Store</dt><dd>{device.store}</dd>
        <dt>Key id</dt><dd><code data-key-id>{key.keyId}</code></dd>
        <dt>Secret</dt><dd><code data-secret>{key.secret}</code></dd>
      </dl>
      {issued.cause === 'rotated' ? <PreviousKeys device={device} newKeyId={key.keyId} now={now} /> : null}
    </section>
  );
}

function PreviousKeys({ device, newKeyId, now }: { device: Device; newKeyId: string; now: Date }) {
  const previous = liveKeys(device, now).filter((k) => k.keyId !== newKeyId && k.retiresAt);
  if (previous.length === 0) return <p>No previous key works any more: the kiosk signs only with this one.</p>;
  return (
    <p>The previous key{previous.length > 1 ? 's keep' : ' keeps'} working until {previous.map((k, i) => (
      <>{i > 0 ? ', ' : ''}<Time at={k.retiresAt} /> (<code>{k.keyId}</code>)</>
    ))}; install the new one before then.</p>
  );
}
