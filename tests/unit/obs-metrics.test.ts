/**
 * Metrics of one hub process: a registry of its own (two hubs in one process do not
 * mix), capture counts, and scrape-time gauges that read their sources and stay empty,
 * rather than failing the scrape, when a source cannot be read.
 */
import { describe, expect, it } from 'vitest';
import { createMetrics, recordCapture, type GaugeSources } from '../../src/obs/metrics.js';

const sources: GaugeSources = {
  queueCounts: async () => [{ queue: 'deliver-oms', counts: { waiting: 3, active: 1 } }],
  oldestWaitingSeconds: async () => [{ queue: 'deliver-oms', seconds: 42 }],
  circuits: async () => [{ target: 'oms', open: true }],
  deadLetters: async () => [{ instance: 'oms', count: 2 }],
};

describe('hub metrics', () => {
  it('keeps each hub in its own registry, with the default Node metrics', async () => {
    const one = createMetrics();
    const two = createMetrics();
    recordCapture(one, 'web', 'web-shop', false);
    recordCapture(one, 'web', 'web-shop', true);
    const text = await one.registry.metrics();
    expect(text).toContain('hub_orders_received_total{channel="web",source="web-shop",outcome="created"} 1');
    expect(text).toContain('hub_orders_received_total{channel="web",source="web-shop",outcome="duplicate"} 1');
    expect(text).toContain('hub_dedup_hits_total{source="web-shop"} 1');
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(await two.registry.metrics()).not.toContain('source="web-shop"');
  });

  it('reads queue, circuit and dead-letter gauges when scraped', async () => {
    const text = await createMetrics(sources).registry.metrics();
    expect(text).toContain('hub_queue_jobs{queue="deliver-oms",state="waiting"} 3');
    expect(text).toContain('hub_queue_jobs{queue="deliver-oms",state="delayed"} 0');
    expect(text).toContain('hub_queue_oldest_waiting_seconds{queue="deliver-oms"} 42');
    expect(text).toContain('hub_circuit_open{target="oms"} 1');
    expect(text).toContain('hub_dead_letters{instance="oms"} 2');
  });

  it('still answers a scrape when a gauge source fails', async () => {
    const failing: GaugeSources = { ...sources, queueCounts: () => Promise.reject(new Error('Redis is down')) };
    const text = await createMetrics(failing).registry.metrics();
    expect(text).not.toContain('hub_queue_jobs{');
    expect(text).toContain('hub_circuit_open{target="oms"} 1');
  });

  it('records stage durations in the documented buckets', async () => {
    const metrics = createMetrics();
    metrics.stageDuration.observe({ stage: 'deliver', instance: 'oms', outcome: 'ok' }, 0.02);
    const text = await metrics.registry.metrics();
    expect(text).toContain('hub_stage_duration_seconds_bucket{le="0.001",stage="deliver",instance="oms",outcome="ok"} 0');
    expect(text).toContain('hub_stage_duration_seconds_bucket{le="30",stage="deliver",instance="oms",outcome="ok"} 1');
  });
});
