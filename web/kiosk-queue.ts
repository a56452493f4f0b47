/**
 * The kiosk's scans, kept on the device until the API has them: each with its scan time and its own
 * Idempotency-Key (a walk-in: one key for the enrolment, one for the attendance), in localStorage so
 * that a reload, a dead battery or a dead network loses none. Sent in order, one at a time; a scan
 * sent twice is recorded once.
 */
export type Scan =
  | {
      readonly kind: 'attend';
      readonly id: string;
      readonly residentId: string;
      readonly name: string;
      readonly at: string;
      readonly key: string;
    }
  | {
      readonly kind: 'walk-in';
      readonly id: string;
      readonly name: string;
      readonly householdId: string;
      readonly at: string;
      readonly enrolKey: string;
      readonly attendKey: string;
      /** Set once the enrolment is answered: the attendance then names them. */
      readonly residentId?: string;
    };

/** What became of one step of sending a scan. */
export type Outcome =
  | { readonly kind: 'sent' }
  /** A walk-in's enrolment went through: its new id, kept before the attendance is sent. */
  | { readonly kind: 'enrolled'; readonly residentId: string }
  /** The network is down (or the server unreachable): keep it, try later. */
  | { readonly kind: 'offline' }
  /** The organizer's sign-in expired: keep it, ask them to sign in again. */
  | { readonly kind: 'unauthorized' }
  /** The API will never take it (too late, a cancelled activity…): set it aside with the reason. */
  | { readonly kind: 'refused'; readonly code: string; readonly detail: string };

export interface Refused {
  readonly scan: Scan;
  readonly code: string;
  readonly detail: string;
}

/** The part of `localStorage` the queue uses (a Map stands in for it in tests). */
export interface KeptStrings {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export class ScanQueue {
  private readonly key: string;
  private readonly refusedKey: string;
  private sending = false;

  constructor(
    private readonly kept: KeptStrings,
    activityId: string,
  ) {
    this.key = `ccl.kiosk.${activityId}.queue`;
    this.refusedKey = `ccl.kiosk.${activityId}.refused`;
  }

  scans(): Scan[] {
    return JSON.parse(this.kept.getItem(this.key) ?? '[]') as Scan[];
  }

  refused(): Refused[] {
    return JSON.parse(this.kept.getItem(this.refusedKey) ?? '[]') as Refused[];
  }

  private save(scans: readonly Scan[]): void {
    this.kept.setItem(this.key, JSON.stringify(scans));
  }

  add(scan: Scan): void {
    this.save([...this.scans(), scan]);
  }

  get waiting(): number {
    return this.scans().length;
  }

  /**
   * Sends what waits, oldest first, until it is all sent or the network fails (the rest waits for
   * the next try). Only one send runs at a time; it answers what stopped it.
   */
  async flush(send: (scan: Scan) => Promise<Outcome>): Promise<'done' | 'offline' | 'unauthorized' | 'busy'> {
    if (this.sending) return 'busy';
    this.sending = true;
    try {
      for (;;) {
        const [scan] = this.scans();
        if (!scan) return 'done';
        const outcome = await send(scan);
        if (outcome.kind === 'offline' || outcome.kind === 'unauthorized') return outcome.kind;
        const [, ...rest] = this.scans();
        if (outcome.kind === 'enrolled' && scan.kind === 'walk-in') {
          // Kept before anything else is sent: a reload now sends the attendance, not a second enrolment.
          this.save([{ ...scan, residentId: outcome.residentId }, ...rest]);
          continue;
        }
        if (outcome.kind === 'refused')
          this.kept.setItem(
            this.refusedKey,
            JSON.stringify([...this.refused(), { scan, code: outcome.code, detail: outcome.detail }]),
          );
        this.save(rest);
      }
    } finally {
      this.sending = false;
    }
  }
}
