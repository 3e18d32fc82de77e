/**
 * What a status update does to the OMS's own order, so that a change request can be
 * judged by what is still open: SHIPPED counts shipped units per line (every open unit
 * when no lines are given), CANCELLED counts cancelled units (the whole order when no
 * lines are given). An order with nothing open is `shipped` once anything shipped,
 * else `cancelled`. Returns the units each line moved, for the stock.
 */
import type { OmsSftpLine, OmsSftpOrder, StatusRequest } from './types.js';

export interface MovedUnits {
  number: number;
  qty: number;
}

/** Units of a line neither shipped nor cancelled. */
export function openUnits(line: OmsSftpLine): number {
  return Math.max(0, line.qty - line.shipped - line.cancelled);
}

export function recordStatus(order: OmsSftpOrder, request: StatusRequest): MovedUnits[] {
  if (request.status !== 'SHIPPED' && request.status !== 'CANCELLED') return [];
  const field = request.status === 'SHIPPED' ? 'shipped' : 'cancelled';
  const wanted = request.lines && request.lines.length > 0
    ? request.lines.map((line) => ({ line: order.lines.find((candidate) => candidate.number === line.number), qty: line.qty }))
    : order.lines.map((line) => ({ line, qty: Number.POSITIVE_INFINITY }));
  const moved: MovedUnits[] = [];
  for (const { line, qty } of wanted) {
    if (!line) continue;
    const units = Math.min(openUnits(line), Math.max(0, qty));
    line[field] += units;
    if (units > 0) moved.push({ number: line.number, qty: units });
  }
  settleState(order);
  return moved;
}

/** `shipped` or `cancelled` once nothing is open; stays `open` otherwise. */
export function settleState(order: OmsSftpOrder): void {
  if (order.state !== 'open' || order.lines.some((line) => openUnits(line) > 0)) return;
  order.state = order.lines.some((line) => line.shipped > 0) ? 'shipped' : 'cancelled';
}
