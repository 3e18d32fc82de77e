/**
 * The hub's device directory: registering a kiosk with its store, rotating and revoking
 * its keys (admin page and API), and what connectors need of it (`Devices` in the SDK):
 * who signed a message, and which of a device's numbered orders the hub holds.
 * A key's secret is shown once, when it is made; the hub derives it again to verify.
 */
import type { DeviceIdentity, Devices, DeviceSequence, SignedDeviceMessage } from '../sdk/connector.js';
import { BadInputError } from '../sdk/errors/index.js';
import type { DeviceStore, SequenceState } from '../store/device-store.js';
import { authenticateDevice } from './authenticate-device.js';
import { deriveDeviceSecret, newKeyId } from './device-keys.js';
import {
  DEVICE_ID_PATTERN, revoked, STORE_ID_PATTERN, withRevokedKey, withRotatedKey, type Device,
} from './device-record.js';

export interface DevicesSettings {
  /** The hub's secret that device keys are derived from; undefined: devices cannot sign. */
  keySecret: string | undefined;
  /** How long the old key keeps working after a rotation. */
  overlapSeconds: number;
}

/** A key as shown to the admin once: the id and the secret to install on the device. */
export interface IssuedKey {
  keyId: string;
  secret: string;
}

export interface DeviceWithSequence extends Device {
  sequence: SequenceState;
}

export class DeviceDirectory implements Devices {
  constructor(private readonly store: DeviceStore, private readonly settings: DevicesSettings) {}

  get configured(): boolean {
    return this.settings.keySecret !== undefined;
  }

  authenticate(message: SignedDeviceMessage, options: { toleranceSeconds: number }): Promise<DeviceIdentity> {
    return authenticateDevice(this.store, this.settings.keySecret, message, options);
  }

  async hold(deviceId: string, sequences: number[]): Promise<DeviceSequence> {
    const state = await this.store.hold(deviceId, sequences);
    return { highestContiguous: state.highestContiguous, highestSeen: state.highestSeen };
  }

  async sequence(deviceId: string): Promise<DeviceSequence> {
    const state = await this.store.sequenceState(deviceId);
    return { highestContiguous: state.highestContiguous, highestSeen: state.highestSeen };
  }

  async storeOf(deviceId: string): Promise<string | undefined> {
    const device = await this.store.get(deviceId);
    return device && !device.revokedAt ? device.store : undefined;
  }

  async list(): Promise<DeviceWithSequence[]> {
    const devices = await this.store.list();
    return Promise.all(devices.map(async (d) => ({ ...d, sequence: await this.store.sequenceState(d.id) })));
  }

  async get(id: string): Promise<DeviceWithSequence | undefined> {
    const device = await this.store.get(id);
    return device && { ...device, sequence: await this.store.sequenceState(id) };
  }

  async register(ask: { id: string; store: string; label?: string }, now = new Date()): Promise<{ device: Device; key: IssuedKey }> {
    const secret = this.requireSecret();
    if (!DEVICE_ID_PATTERN.test(ask.id)) throw new BadInputError(`device id "${ask.id.slice(0, 50)}" is not allowed`, { code: 'BAD_DEVICE_ID', hint: 'use 1–40 letters, digits, _ and -, starting with a letter or digit' });
    if (!STORE_ID_PATTERN.test(ask.store)) throw new BadInputError(`store "${ask.store.slice(0, 50)}" is not allowed`, { code: 'BAD_STORE', hint: 'use the store id the OMS knows: 1–40 letters, digits, _ and -' });
    const keyId = newKeyId(ask.id);
    const device: Device = {
      id: ask.id, store: ask.store, createdAt: now.toISOString(), keys: [{ keyId, createdAt: now.toISOString() }],
      ...(ask.label ? { label: ask.label.slice(0, 80) } : {}),
    };
    if (!(await this.store.create(device))) {
      throw new BadInputError(`device ${ask.id} is already registered`, { code: 'DEVICE_EXISTS', status: 409, hint: 'rotate its key instead, or choose another id' });
    }
    return { device, key: { keyId, secret: deriveDeviceSecret(secret, keyId) } };
  }

  /** A new key; the device's other live keys keep working for `overlapSeconds`. */
  async rotate(id: string, overlapSeconds = this.settings.overlapSeconds, now = new Date()): Promise<{ device: Device; key: IssuedKey } | undefined> {
    const secret = this.requireSecret();
    const keyId = newKeyId(id);
    const device = await this.store.update(id, (d) => {
      if (d.revokedAt) throw new BadInputError(`device ${id} is revoked`, { code: 'DEVICE_REVOKED', status: 409, hint: 'register the device again under a new id' });
      return withRotatedKey(d, keyId, now, overlapSeconds);
    });
    return device && { device, key: { keyId, secret: deriveDeviceSecret(secret, keyId) } };
  }

  revokeKey(id: string, keyId: string, now = new Date()): Promise<Device | undefined> {
    return this.store.update(id, (d) => withRevokedKey(d, keyId, now));
  }

  revoke(id: string, now = new Date()): Promise<Device | undefined> {
    return this.store.update(id, (d) => revoked(d, now));
  }

  private requireSecret(): string {
    if (this.settings.keySecret === undefined) {
      throw new BadInputError('devices are not set up on this hub', { code: 'DEVICES_NOT_CONFIGURED', status: 503, hint: 'set devices.keySecret in the hub configuration (from the environment)' });
    }
    return this.settings.keySecret;
  }
}
