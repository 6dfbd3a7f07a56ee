/** What the load bench's learners measure, and a seeded generator so runs behave alike. */

/** One answered call or read: its round trip (ms), whether it succeeded, and when it came back (epoch ms). */
export interface Sample {
  name: string;
  ms: number;
  ok: boolean;
  at: number;
}

/** What a worker sends its parent about once a second. */
export interface WorkerReport {
  samples: Sample[];
  failures: string[];
}

/** A deterministic generator (mulberry32). */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
