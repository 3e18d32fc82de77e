/** OMS status XML (callbacks and feed) into canonical status events. */
import { describe, expect, it } from 'vitest';
import { parseStatusCallback, parseStatusFeed } from './status-xml.js';

const update = (status: string, extra = '') => `<StatusUpdate><EventId>ev-1</EventId><Sequence>7</Sequence>
  <OmsOrderNumber>OMS-000001</OmsOrderNumber><HubOrderId>01KAAAAAAAAAAAAAAAAAAAAAAA</HubOrderId>
  <Status>${status}</Status><Timestamp>2026-11-23T10:05:00+01:00</Timestamp>${extra}</StatusUpdate>`;

function code(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe('status callbacks', () => {
  it('reads a shipment with lines, carrier and tracking, and normalises the time to UTC', () => {
    const xml = update('SHIPPED', '<Lines><Line number="1" qty="2"/><Line number="3" qty="1"/></Lines><Shipment><Carrier>UPS</Carrier><TrackingNumber>1Z1</TrackingNumber></Shipment>');
    expect(parseStatusCallback(Buffer.from(xml))).toEqual([{
      eventId: 'ev-1', type: 'shipped', occurredAt: '2026-11-23T09:05:00.000Z',
      hubOrderId: '01KAAAAAAAAAAAAAAAAAAAAAAA', externalRef: 'OMS-000001',
      lines: [{ lineNumber: 1, quantity: 2 }, { lineNumber: 3, quantity: 1 }],
      shipment: { carrier: 'UPS', trackingNumber: '1Z1' },
    }]);
  });

  it('keeps the expected date of a backorder and the reason of a rejection', () => {
    const [backorder] = parseStatusCallback(Buffer.from(update('BACKORDERED', '<ExpectedDate>2026-12-01</ExpectedDate>')));
    expect(backorder).toMatchObject({ type: 'backordered', expectedDate: '2026-12-01' });
    const [rejected] = parseStatusCallback(Buffer.from(update('REJECTED', '<Reason>credit hold &amp; review</Reason>')));
    expect(rejected).toMatchObject({ type: 'rejected', reason: 'credit hold & review' });
  });

  it('reads a pickup order ready at its store', () => {
    expect(parseStatusCallback(Buffer.from(update('READY_FOR_PICKUP')))).toEqual([{
      eventId: 'ev-1', type: 'ready_for_pickup', occurredAt: '2026-11-23T09:05:00.000Z',
      hubOrderId: '01KAAAAAAAAAAAAAAAAAAAAAAA', externalRef: 'OMS-000001',
    }]);
  });

  it('refuses unknown statuses, missing event ids, bad timestamps and other documents', () => {
    expect(code(() => parseStatusCallback(Buffer.from(update('LOST'))))).toBe('UNKNOWN_STATUS');
    expect(code(() => parseStatusCallback(Buffer.from(update('SHIPPED').replace('<EventId>ev-1</EventId>', ''))))).toBe('NO_EVENT_ID');
    expect(code(() => parseStatusCallback(Buffer.from(update('SHIPPED').replace(/<Timestamp>.*<\/Timestamp>/, '<Timestamp>soon</Timestamp>'))))).toBe('BAD_TIMESTAMP');
    expect(code(() => parseStatusCallback(Buffer.from('<Order/>')))).toBe('NOT_A_STATUS_UPDATE');
  });
});

describe('status feed', () => {
  it('returns the events and the highest sequence, or nothing for an empty feed', () => {
    const feed = `<StatusFeed>${update('ACKNOWLEDGED')}${update('ALLOCATED').replace('ev-1', 'ev-2').replace('<Sequence>7', '<Sequence>9')}</StatusFeed>`;
    const parsed = parseStatusFeed(feed);
    expect(parsed.events.map((e) => e.type)).toEqual(['acknowledged', 'allocated']);
    expect(parsed.lastSequence).toBe(9);
    expect(parseStatusFeed('<StatusFeed/>')).toEqual({ events: [], lastSequence: undefined });
  });
});
