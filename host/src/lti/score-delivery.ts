/**
 * Assignment and Grade Services 2.0: a lab's completion sends a score to the line item the launch named (§3.4,
 * POST `<lineitem>/scores`, `application/vnd.ims.lis.v1.score+json`). Failures that may pass (network, 5xx, 429,
 * an expired token) are retried with growing delays; every attempt, delivered or not, is one line of the audit
 * `<dataDir>/lti/score-deliveries.jsonl` (in memory without a data dir).
 */
import type { HostLog } from '../server/host-log.js';
import { MEDIA_TYPE, SCOPE } from './claims.js';
import type { GradeTarget, LaunchRecords } from './launch-records.js';
import type { LtiFiles } from './lti-files.js';
import { UnknownPlatformError, type PlatformRegistry } from './platform-registry.js';
import { serviceFetch, ServiceError, type ServiceTokens } from './service-token.js';

/** A lab a learner completed, as the module recorded it. */
export interface Completion {
  identityHex: string;
  labId: string;
  completedAt: Date;
  hintsUsed: number;
}

/** One delivery attempt, as the audit keeps it. */
export interface DeliveryAttempt {
  at: string;
  learner: string;
  lab: string;
  lineItem: string;
  userId: string;
  platformIssuer: string;
  clientId: string;
  /** When the lab was completed (the score's timestamp). */
  completedAt: string;
  hintsUsed: number;
  attempt: number;
  outcome: 'delivered' | 'will-retry' | 'failed';
  status: number | null;
  error?: string;
}

/** Delays before the 2nd, 3rd... attempt: about an hour and a half in all, then the delivery is given up. */
export const DEFAULT_RETRY_DELAYS_MS = [2_000, 10_000, 60_000, 300_000, 1_800_000, 3_600_000];
const AUDIT_FILE = 'score-deliveries.jsonl';
/** Scores out of 100: a completed lab passed every check. */
const SCORE_MAXIMUM = 100;

export class ScoreDelivery {
  readonly #records: LaunchRecords;
  readonly #registry: PlatformRegistry;
  readonly #tokens: ServiceTokens;
  readonly #files: LtiFiles;
  readonly #hostLog: HostLog;
  readonly #retryDelaysMs: readonly number[];
  readonly #inFlight = new Set<Promise<void>>();
  readonly #timers = new Set<NodeJS.Timeout>();
  #closed = false;

  constructor(options: {
    records: LaunchRecords;
    registry: PlatformRegistry;
    tokens: ServiceTokens;
    files: LtiFiles;
    log: HostLog;
    retryDelaysMs?: readonly number[];
  }) {
    this.#records = options.records;
    this.#registry = options.registry;
    this.#tokens = options.tokens;
    this.#files = options.files;
    this.#hostLog = options.log;
    this.#retryDelaysMs = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  }

  /** Sends the completion's score when a launch named a line item for this learner and lab; otherwise nothing. */
  completed(completion: Completion): void {
    const target = this.#records.gradeTarget(completion.identityHex, completion.labId);
    if (target) this.#attempt(completion, target, 1);
  }

  /** Every attempt so far, oldest first. */
  async audit(): Promise<DeliveryAttempt[]> {
    return (await this.#files.readLines<DeliveryAttempt>(AUDIT_FILE)).values;
  }

  /**
   * Takes up the deliveries a stopped host left waiting for a retry (the audit's last word on them is
   * `will-retry`), at the time their retry was due (at once when that has passed).
   */
  async resume(): Promise<void> {
    const { values: attempts } = await this.#files.openLines<DeliveryAttempt>(AUDIT_FILE, this.#hostLog);
    const last = new Map<string, DeliveryAttempt>();
    for (const entry of attempts) last.set(`${entry.learner}/${entry.lab}/${entry.lineItem}`, entry);
    for (const entry of last.values()) {
      if (entry.outcome !== 'will-retry') continue;
      const completion = {
        identityHex: entry.learner,
        labId: entry.lab,
        completedAt: new Date(entry.completedAt),
        hintsUsed: entry.hintsUsed,
      };
      const target = {
        platformIssuer: entry.platformIssuer,
        clientId: entry.clientId,
        lineItem: entry.lineItem,
        userId: entry.userId,
      };
      const due = Date.parse(entry.at) + (this.#retryDelaysMs[entry.attempt - 1] ?? 0);
      this.#retryLater(completion, target, entry.attempt + 1, Math.max(0, due - Date.now()));
    }
  }

  /** Resolves when no attempt is running (retries still waiting do not count). */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all(this.#inFlight);
  }

  /** Stops retrying (the host is closing); attempts running finish. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    await this.idle();
  }

  #attempt(completion: Completion, target: GradeTarget, attempt: number): void {
    const running = this.#deliver(completion, target, attempt).finally(() => this.#inFlight.delete(running));
    this.#inFlight.add(running);
  }

  async #deliver(completion: Completion, target: GradeTarget, attempt: number): Promise<void> {
    const entry = {
      learner: completion.identityHex,
      lab: completion.labId,
      lineItem: target.lineItem,
      userId: target.userId,
      platformIssuer: target.platformIssuer,
      clientId: target.clientId,
      completedAt: completion.completedAt.toISOString(),
      hintsUsed: completion.hintsUsed,
      attempt,
    };
    try {
      await this.#post(completion, target);
      await this.#log({ ...entry, outcome: 'delivered', status: 200 });
    } catch (err) {
      const failure = err instanceof ServiceError ? err : new ServiceError((err as Error).message, null, false);
      const delay = this.#retryDelaysMs[attempt - 1];
      const retry = failure.retryable && delay !== undefined && !this.#closed;
      await this.#log({
        ...entry,
        outcome: retry ? 'will-retry' : 'failed',
        status: failure.status,
        error: failure.message,
      });
      if (retry) this.#retryLater(completion, target, attempt + 1, delay);
    }
  }

  #retryLater(completion: Completion, target: GradeTarget, attempt: number, delayMs: number): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.#attempt(completion, target, attempt);
    }, delayMs);
    this.#timers.add(timer);
  }

  async #post(completion: Completion, target: GradeTarget): Promise<void> {
    let platform;
    try {
      platform = this.#registry.find(target.platformIssuer, target.clientId);
    } catch (err) {
      if (err instanceof UnknownPlatformError) throw new ServiceError(err.message, null, false);
      throw err;
    }
    const token = await this.#tokens.token(platform, [SCOPE.score]);
    const score = {
      userId: target.userId,
      scoreGiven: SCORE_MAXIMUM,
      scoreMaximum: SCORE_MAXIMUM,
      comment:
        completion.hintsUsed === 0
          ? 'Completed without hints'
          : `Completed with ${completion.hintsUsed} hint${completion.hintsUsed === 1 ? '' : 's'}`,
      timestamp: completion.completedAt.toISOString(),
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
    };
    try {
      await serviceFetch(
        scoresUrl(target.lineItem),
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': MEDIA_TYPE.score,
          },
          body: JSON.stringify(score),
        },
        'the score endpoint',
        this.#registry.fetchFor(platform),
      );
    } catch (err) {
      if (err instanceof ServiceError && err.status === 401) this.#tokens.forget(platform);
      throw err;
    }
  }

  /** Adds the attempt to the audit. The audit failing (a full disk) must not change what is delivered: it is logged. */
  async #log(entry: Omit<DeliveryAttempt, 'at'>): Promise<void> {
    try {
      await this.#files.append(AUDIT_FILE, JSON.stringify({ at: new Date().toISOString(), ...entry }));
    } catch (err) {
      this.#hostLog(
        'error',
        `LTI: the grade audit could not record ${entry.learner}'s ${entry.lab} (attempt ${entry.attempt}, ${entry.outcome}): ${(err as Error).message}`,
      );
    }
  }
}

/** `<lineitem>/scores`, keeping the line item URL's query (AGS 2.0 §3.4: the path gets `/scores`). */
export function scoresUrl(lineItem: string): string {
  const url = new URL(lineItem);
  url.pathname = url.pathname.replace(/\/?$/, '/scores');
  return url.href;
}
