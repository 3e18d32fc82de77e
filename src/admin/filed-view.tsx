/**
 * The "Filed, not orders" table of the failures page: what arrived on an order channel
 * but is not an order (bounces, auto-replies, bulk mail, spam, oversized mail), with the
 * reason, the order a bounce concerns, and (for roles that may see personal data) a
 * link to the original bytes.
 */
import type { FiledRecord } from '../store/filed-items.js';
import { Time } from './components.js';

export function FiledTable({ items, showOriginal }: { items: FiledRecord[]; showOriginal: boolean }) {
  if (items.length === 0) return <p class="card muted">Nothing has been filed.</p>;
  return (
    <div class="scroll">
      <table>
        <thead><tr><th>Filed</th><th>Source</th><th>Kind</th><th>Reason</th><th>Order</th>{showOriginal ? <th>Original</th> : null}</tr></thead>
        <tbody>{items.map((item) => (
          <tr data-filed={item.id}>
            <td><Time at={item.at} /></td><td>{item.source}</td><td>{item.kind}</td><td>{item.reason}</td>
            <td>{item.hubOrderId ? <a href={`/admin/orders/${encodeURIComponent(item.hubOrderId)}`}>{item.hubOrderId}</a> : null}</td>
            {showOriginal ? <td><a href={`/api/filed/${encodeURIComponent(item.id)}/raw`}>message</a></td> : null}
          </tr>
        ))}</tbody>
      </table>
    </div>
  );
}
