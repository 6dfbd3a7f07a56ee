import type { MetricFamily } from './prometheus-text.js';

/** A Prometheus histogram with fixed upper bounds (seconds), optionally one series per label value. */
export class Histogram {
  private readonly series = new Map<string, { counts: number[]; sum: number; count: number }>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly bounds: readonly number[],
    private readonly labelName: string | null = null,
  ) {}

  observe(value: number, labelValue = ''): void {
    let series = this.series.get(labelValue);
    if (!series) {
      series = { counts: this.bounds.map(() => 0), sum: 0, count: 0 };
      this.series.set(labelValue, series);
    }
    for (let i = 0; i < this.bounds.length; i++) if (value <= this.bounds[i]!) series.counts[i]!++;
    series.sum += value;
    series.count++;
  }

  family(): MetricFamily {
    const samples: MetricFamily['samples'] = [];
    for (const [labelValue, series] of this.series) {
      const base: Record<string, string> = this.labelName ? { [this.labelName]: labelValue } : {};
      this.bounds.forEach((bound, i) =>
        samples.push({ suffix: '_bucket', labels: { ...base, le: String(bound) }, value: series.counts[i]! }),
      );
      samples.push({ suffix: '_bucket', labels: { ...base, le: '+Inf' }, value: series.count });
      samples.push({ suffix: '_sum', labels: base, value: series.sum });
      samples.push({ suffix: '_count', labels: base, value: series.count });
    }
    return { name: this.name, help: this.help, type: 'histogram', samples };
  }
}
