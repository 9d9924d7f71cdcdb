import type { Tier } from '../../../../src-shared/contract/scanner';

export interface TierThresholds {
  readonly primeEnter: number;
  readonly primeStay: number;
  readonly watchEnter: number;
  readonly watchStay: number;
  readonly confirmK: number;
  readonly confirmN: number;
  readonly cooldownMs: number;
}

/** One bar's evidence. `at` is the bar's close time on the feed clock. */
export type TierInput =
  | {
      readonly kind: 'ok';
      readonly at: number;
      readonly probability: number;
      /**
       * Whether `probability` is calibrated (a win chance that beat the base rate out of
       * sample). The thresholds grade calibrated P only: uncalibrated, the tier is at most WATCH.
       */
      readonly calibrated: boolean;
      readonly evBps: number;
      /** Names of failed gates; empty when all pass. */
      readonly failedGates: readonly string[];
      /** Modulator shift added to the entry thresholds (>= 0). */
      readonly thresholdShift: number;
    }
  | { readonly kind: 'failed'; readonly at: number; readonly reason: string };

type Observation = Extract<TierInput, { kind: 'ok' }>;

export interface TierDecision {
  readonly tier: Tier;
  readonly changed: boolean;
  readonly from: Tier;
  readonly reason: string;
}

const pct = (p: number): string => `${(p * 100).toFixed(1)}%`;

const RANK: Readonly<Record<Tier, number>> = { FAILED: -1, IGNORE: 0, WATCH: 1, PRIME: 2 };

/**
 * Tier state for one symbol, with anti-jitter:
 * - hysteresis: PRIME enters at primeEnter (with EV > 0 and every gate passing) and stays while
 *   P >= primeStay (EV > 0, gates pass); WATCH enters at watchEnter, stays at watchStay.
 * - K-of-N: an upgrade to T needs K of the last N bars (since the last change) at T's entry
 *   level and none of them below T's stay level; a downgrade needs K bars below the current
 *   stay level and none back at its entry level. Alternating above/below therefore holds.
 * - cooldown: no two changes within cooldownMs of the feed clock.
 * Safety exits skip confirmation and cooldown: FAILED input fails the symbol at once, and a
 * PRIME whose EV turns <= 0 or whose gate fails leaves PRIME on that bar (PRIME means
 * "tradeable now"; anti-jitter must never keep a stale PRIME alive). Recovery from FAILED
 * goes straight to IGNORE (the least actionable tier) and then climbs through confirmation.
 * An uncalibrated P is not a win chance: it can reach WATCH (worth a look) but never PRIME,
 * and a PRIME whose P stops being calibrated leaves PRIME on that bar.
 */
export class TierMachine {
  private current: Tier = 'IGNORE';
  private lastChangeAt: number | null = null;
  private window: Observation[] = [];

  constructor(private readonly t: TierThresholds) {
    if (t.confirmK < 1 || t.confirmK > t.confirmN) throw new RangeError('tiers: need 1 <= K <= N');
  }

  get tier(): Tier {
    return this.current;
  }

  evaluate(input: TierInput): TierDecision {
    if (input.kind === 'failed') {
      if (this.current === 'FAILED') return this.stay(input.reason);
      return this.change('FAILED', input.at, input.reason);
    }
    if (this.current === 'FAILED') {
      return this.change('IGNORE', input.at, 'recovered: factors computable again');
    }
    const now = input;
    this.window.push(now);
    if (this.window.length > this.t.confirmN) this.window.shift();

    if (this.current === 'PRIME' && !now.calibrated) {
      const to: Tier = now.probability >= this.t.watchStay ? 'WATCH' : 'IGNORE';
      return this.change(to, now.at, 'left PRIME: P is no longer calibrated');
    }
    if (this.current === 'PRIME' && !this.tradeable(now)) {
      const to: Tier = now.probability >= this.t.watchStay ? 'WATCH' : 'IGNORE';
      return this.change(to, now.at, `left PRIME: ${this.untradeableReason(now)}`);
    }
    const target = this.confirmedTarget();
    if (target === null) return this.stay(this.holdReason(now));
    if (this.lastChangeAt !== null && now.at - this.lastChangeAt < this.t.cooldownMs) {
      const wait = this.t.cooldownMs - (now.at - this.lastChangeAt);
      return this.stay(
        `${target.tier} confirmed but the ${Math.round(this.t.cooldownMs / 1000)} s cooldown between tier changes blocks it for ${Math.ceil(wait / 1000)} s more`,
      );
    }
    return this.change(target.tier, now.at, target.reason);
  }

  private confirmedTarget(): { tier: Tier; reason: string } | null {
    const k = this.t.confirmK;
    if (this.window.length < k) return null;
    for (const tier of ['PRIME', 'WATCH'] as const) {
      if (RANK[tier] <= RANK[this.current]) break;
      const entered = this.window.filter((o) => this.enters(tier, o)).length;
      if (entered >= k && this.window.every((o) => this.stays(tier, o))) {
        return { tier, reason: `${entered} of ${this.window.length} bars at ${tier} entry level` };
      }
    }
    if (this.current === 'IGNORE') return null;
    const below = this.window.filter((o) => !this.stays(this.current, o)).length;
    const backAtEntry = this.window.some((o) => this.enters(this.current, o));
    if (below >= k && !backAtEntry) {
      const latest = this.window[this.window.length - 1] as Observation;
      const to: Tier = this.current === 'PRIME' && this.stays('WATCH', latest) ? 'WATCH' : 'IGNORE';
      return {
        tier: to,
        reason: `${below} of ${this.window.length} bars below ${this.current} stay level`,
      };
    }
    return null;
  }

  private tradeable(o: Observation): boolean {
    return o.evBps > 0 && o.failedGates.length === 0;
  }

  private untradeableReason(o: Observation): string {
    if (o.failedGates.length > 0) return `gate failed: ${o.failedGates.join(', ')}`;
    return `EV ${o.evBps.toFixed(2)} bps <= 0`;
  }

  private enters(tier: Tier, o: Observation): boolean {
    if (tier === 'PRIME')
      return (
        o.calibrated && o.probability >= this.t.primeEnter + o.thresholdShift && this.tradeable(o)
      );
    if (tier === 'WATCH') return o.probability >= this.t.watchEnter + o.thresholdShift;
    return true;
  }

  private stays(tier: Tier, o: Observation): boolean {
    if (tier === 'PRIME')
      return o.calibrated && o.probability >= this.t.primeStay && this.tradeable(o);
    if (tier === 'WATCH') return o.probability >= this.t.watchStay;
    return true;
  }

  /**
   * Why the tier holds, naming the threshold or gate that keeps it from moving up: the board
   * shows this on every row, so an IGNORE with a high P says what it still lacks.
   */
  private holdReason(o: Observation): string {
    const current = this.current;
    if (current === 'FAILED') return 'FAILED holds';
    if (current === 'WATCH' && !o.calibrated)
      return `WATCH holds: P ${pct(o.probability)} is uncalibrated (the prior mapping, not a win chance); PRIME needs a calibrated P`;
    if (current !== 'PRIME' && o.probability >= this.t.primeEnter && !this.tradeable(o)) {
      return `PRIME level but not tradeable (${this.untradeableReason(o)})`;
    }
    const next = current === 'IGNORE' ? 'WATCH' : current === 'WATCH' ? 'PRIME' : null;
    if (next === null) {
      return `PRIME holds: P ${pct(o.probability)} >= stay ${pct(this.t.primeStay)}, EV ${o.evBps.toFixed(1)} bps, gates pass`;
    }
    const entry = (next === 'PRIME' ? this.t.primeEnter : this.t.watchEnter) + o.thresholdShift;
    if (o.probability < entry) {
      const raised =
        o.thresholdShift > 0 ? ` (raised ${pct(o.thresholdShift)} by market conditions)` : '';
      return `${current} holds: P ${pct(o.probability)} below ${next} entry ${pct(entry)}${raised}`;
    }
    const entered = this.window.filter((w) => this.enters(next, w)).length;
    if (entered < this.t.confirmK) {
      return `${current} holds: ${entered} of ${this.window.length} bars at ${next} entry ${pct(entry)}, needs ${this.t.confirmK} of ${this.t.confirmN}`;
    }
    const stay = next === 'PRIME' ? this.t.primeStay : this.t.watchStay;
    return `${current} holds: a bar of the last ${this.window.length} fell below ${next} stay ${pct(stay)}`;
  }

  private stay(reason: string): TierDecision {
    return { tier: this.current, changed: false, from: this.current, reason };
  }

  private change(to: Tier, at: number, reason: string): TierDecision {
    const from = this.current;
    this.current = to;
    this.lastChangeAt = at;
    this.window = [];
    return { tier: to, changed: true, from, reason };
  }
}
