/**
 * Throughput over the last hour as a small inline SVG chart per queue: completed jobs
 * per minute, oldest on the left. Server-rendered, no script, fits a strict CSP.
 */
const WIDTH = 240;
const HEIGHT = 48;

function points(series: number[], max: number): string {
  const step = series.length > 1 ? WIDTH / (series.length - 1) : WIDTH;
  return series.map((value, i) => `${(i * step).toFixed(1)},${(HEIGHT - (value / max) * (HEIGHT - 4) - 2).toFixed(1)}`).join(' ');
}

export function ThroughputChart({ queue, series }: { queue: string; series: number[] }) {
  const max = Math.max(1, ...series);
  const total = series.reduce((sum, value) => sum + value, 0);
  return (
    <figure class="chart" data-queue={queue}>
      <svg width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${queue}: ${total} jobs completed in the last hour`}>
        <rect x="0" y="0" width={WIDTH} height={HEIGHT} fill="#f8fafc" stroke="#cbd5e1" />
        <polyline points={points(series, max)} fill="none" stroke="#2563eb" stroke-width="2" />
      </svg>
      <figcaption><strong>{queue}</strong> <span class="muted">{total} in the last hour · peak {max}/min</span></figcaption>
    </figure>
  );
}
