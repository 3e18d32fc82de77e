/**
 * The kiosk's link to the hub, pluggable: HTTP (http-transport.ts), MQTT (mqtt-transport.ts),
 * an in-memory hub for the simulator's own tests (memory-hub.ts), or anything a test supplies.
 * A transport signs every upload afresh (new timestamp and nonce, retries too) and says how it
 * went; the kiosk decides what to resend.
 */
import type { HubMessage, UploadReply } from './types.js';

export type UploadOutcome =
  /** The hub answered (HTTP 200, or the MQTT receipt with the upload's nonce). */
  | { kind: 'reply'; nonce: string; reply: UploadReply }
  /** Refused for good until something changes (bad or revoked key, malformed request): do not retry. */
  | { kind: 'refused'; nonce: string; status?: number; code: string; detail: string }
  /** Too large (413): send fewer orders per upload. */
  | { kind: 'too-large'; nonce: string; status?: number; code?: string; detail?: string }
  /** A passing failure (network, 5xx, 429, no receipt in time, a stale signature after broker delay): retry later. */
  | { kind: 'retry'; nonce: string; reason: string; status?: number; retryAfterMs?: number };

export interface KioskTransport {
  /** 'http', 'mqtt', 'memory', … (for reports). */
  readonly name: string;
  /** The kiosk comes online (MQTT: connect with its persistent session and subscribe). */
  connect?(): Promise<void>;
  /** The kiosk goes offline (MQTT: disconnect; the broker keeps the session and queues for it). */
  disconnect?(): Promise<void>;
  /** Sends one upload body (`{"orders":[...]}`, exact bytes), signed afresh. */
  upload(body: string, signal?: AbortSignal): Promise<UploadOutcome>;
  /** Hub messages that answer no upload in progress: late receipts, refusals, status pushes. */
  onMessage?(listener: (message: HubMessage) => void): () => void;
  /** Releases connections for good. */
  close(): Promise<void>;
}

/** Refusal codes (problem `code`, MQTT `refused.code`) that a fresh signature may cure. */
export const RESIGN_CODES: ReadonlySet<string> = new Set(['STALE_TIMESTAMP']);
/** A spent nonce: over MQTT a redelivery; for an upload still waiting, send it again under a fresh nonce. */
export const REPLAY_CODE = 'REPLAYED';
