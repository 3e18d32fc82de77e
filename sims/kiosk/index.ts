/**
 * The kiosk fleet simulator (the kiosk side of the kiosk protocol): in-store kiosks that sell
 * orders online and offline and upload them, signed, over HTTP or MQTT until the hub holds
 * every seq; a seeded fleet of them with online/offline periods and injected faults.
 * Imports nothing from src/: the hub is only ever reached through a transport.
 */
export * from './types.js';
export {
  DEVICE_HEADERS, canonicalString, newNonce, sha256Hex, signCanonical, signHttpRequest, signPublish, unixSeconds,
  type PublishEnvelope, type SignOptions,
} from './signing.js';
export { seededRng, hashSeed, type Rng } from './prng.js';
export { DEFAULT_CATALOG, type CatalogItem } from './catalog.js';
export { makeKioskOrder, type OrderMakerOptions } from './order-maker.js';
export { KioskLedger, HELD_OUTCOMES, type SeqRecord } from './ledger.js';
export { planBatches, type Batch, type BatchPlanOptions } from './batch-plan.js';
export { backoffDelay, DEFAULT_RETRY, type RetryPolicy } from './backoff.js';
export { REPLAY_CODE, RESIGN_CODES, type KioskTransport, type UploadOutcome } from './transport.js';
export { parseHubMessage, parseUploadReply } from './hub-messages.js';
export { HttpKioskTransport, hubEndpoint, type HttpTransportOptions } from './http-transport.js';
export { MqttKioskTransport, statusTopic, uploadTopic, type MqttTransportOptions } from './mqtt-transport.js';
export { MemoryHub, type MemoryHubOptions, type MemoryTransportFaults } from './memory-hub.js';
export { lookupOrder, type LookupAnswer, type LookupOptions } from './lookup.js';
export {
  Kiosk, type KioskDrainOptions, type KioskEvent, type KioskFaults, type KioskOptions, type KioskStats, type Refusal, type SyncOptions, type SyncReport,
} from './kiosk.js';
export { ConnectivitySchedule, type ConnectivityOptions } from './connectivity.js';
export { Fleet, type DrainOptions, type FleetOptions, type RunOptions, type TransportFactory } from './fleet.js';
export { summarizeFleet, summarizeKiosk, type FleetReport, type KioskSummary } from './report.js';
export { readDevicesFile, parseDevices } from './devices-file.js';
