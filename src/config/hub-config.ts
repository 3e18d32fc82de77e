/** The hub configuration as the code sees it after loading and validation. */
import type { TogetherRules } from '../inventory/bought-together.js';
import type { Channel } from '../model/order.js';

export interface BreakerPolicy {
  failureThreshold: number;
  cooldownMs: number;
  maxCooldownMs: number;
}

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface RouteRule {
  when: { path: string; equals?: unknown; in?: unknown[]; exists?: boolean };
  target: string;
}

/** Nearest-DC routing (see src/inventory/place-in-warehouses.ts). */
export interface WarehouseRouting {
  dcs: Array<{ id: string; postalCode: string; country: string; target?: string }>;
  split: boolean;
  /** Postal-code coordinates file; undefined: the one the project ships. */
  coordinates: string | undefined;
}

/** A store where customers collect pickup orders (see src/inventory/pickup-stores.ts). */
export interface StoreConfig {
  id: string;
  name?: string;
  postalCode: string;
  country: string;
  target?: string;
}

export interface InstanceConfig {
  id: string;
  connector: string;
  channel: Channel | undefined;
  /** Resolved settings: secrets already read from the environment. */
  settings: Record<string, unknown>;
  /** `changes`: the render mapping for change requests forwarded to this target. */
  mappings: { inbound?: string; outbound?: string; changes?: string; status?: string; files?: Record<string, string>; forms?: Record<string, string> };
  /** Target instance for orders of this inbound instance (overrides global routing). */
  route: string | undefined;
  /** Whether status changes are sent back to this instance (when it can notify). */
  notify: boolean;
  retry: RetryPolicy;
  breaker: BreakerPolicy;
  concurrency: number;
}

/** One alert rule (see `alerts.rules` in config-schema.ts and docs/operations.md). */
export type AlertRule =
  | { id: string; kind: 'queue_age'; queue: string; olderThanMs: number }
  | { id: string; kind: 'failure_rate'; target: string; above: number; windowMs: number; minAttempts: number }
  | { id: string; kind: 'circuit_open'; target: string | undefined }
  | { id: string; kind: 'order_stuck'; state: 'accepted' | 'needs_review'; longerThanMs: number }
  | { id: string; kind: 'dead_letters'; instance: string | undefined; above: number }
  | { id: string; kind: 'ack_overdue'; instance: string | undefined };

export interface AlertWebhook {
  url: string;
  /** Resolved from `{ env: NAME }`; signs X-Hub-Signature-256 when set. */
  secret: string | undefined;
}

export interface AlertsConfig {
  evaluateEveryMs: number;
  repeatAfterMs: number;
  timeoutMs: number;
  webhooks: AlertWebhook[];
  rules: AlertRule[];
}

export interface HubConfig {
  file: string;
  redis: { url: string; prefix: string; durability: 'require' | 'warn'; commandTimeoutMs: number };
  http: { host: string; port: number; bodyLimitBytes: number; secureCookies: boolean };
  workers: { normalizeConcurrency: number; lockDurationMs: number; stalledIntervalMs: number };
  retry: RetryPolicy;
  retention: { dedupDays: number; orderDays: number };
  routing: { default: string | undefined; rules: RouteRule[]; warehouses: WarehouseRouting | undefined; stores: StoreConfig[] };
  /** `customer`: the instance that notifies customers of every order (none when absent). */
  notifications: { customer: string | undefined };
  /** `gateway`: the instance that authorizes, captures and releases card payments by token. */
  payments: { gateway: string | undefined };
  /** Carrier name (canonical: UPS, FedEx, USPS, DHL, or as an instance books) → the instance that follows its parcels. */
  carriers: Record<string, string>;
  /** Device keys are derived from `keySecret`; after a rotation the old key works for `overlapSeconds`. */
  devices: { keySecret: string | undefined; overlapSeconds: number };
  inventory: { substitutions: string | undefined; catalog: string | undefined; checkAtCapture: boolean; boughtTogether: TogetherRules };
  instances: Map<string, InstanceConfig>;
  alerts: AlertsConfig;
}
