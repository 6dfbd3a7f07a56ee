/** What the load bench's learners measure, and a seeded generator so runs behave alike. */
export { seededRandom as random } from '../../host/test/seeded-random.js';

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
  /** The worker's longest event-loop delay since its last report, ms: a stall there delays its learners' answers. */
  loopLongestMs: number;
}
