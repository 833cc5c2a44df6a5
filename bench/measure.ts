/** Small measuring helpers: rounds of N operations, medians, ratios against a reference measured in the same run. */
export interface Rate {
  name: string;
  /** Operations per second, median of the rounds. */
  perSecond: number;
  /** Median latency of one operation, ms. */
  p50: number;
  p99: number;
}

export async function measure(name: string, op: () => Promise<unknown>, { rounds = 5, perRound = 100, warmup = 30 } = {}): Promise<Rate> {
  for (let i = 0; i < warmup; i++) await op();
  const rates: number[] = [];
  const latencies: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < perRound; i++) {
      const t = process.hrtime.bigint();
      await op();
      latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    rates.push(perRound / (Number(process.hrtime.bigint() - start) / 1e9));
  }
  latencies.sort((a, b) => a - b);
  return { name, perSecond: median(rates), p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99) };
}

export function median(values: number[]): number {
  return quantile([...values].sort((a, b) => a - b), 0.5);
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

export function printTable(rows: { rate: Rate; reference?: Rate }[]): void {
  const line = (cells: string[]) => console.log(cells.map((c, i) => (i === 0 ? c.padEnd(58) : c.padStart(10))).join(' '));
  line(['benchmark', 'ops/s', 'p50 ms', 'p99 ms', 'vs ref']);
  for (const { rate, reference } of rows) {
    line([
      rate.name,
      rate.perSecond.toFixed(1),
      rate.p50.toFixed(2),
      rate.p99.toFixed(2),
      reference ? `${((rate.perSecond / reference.perSecond) * 100).toFixed(0)}%` : 'ref',
    ]);
  }
}
