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

/**
 * The last N bars' evidence since the last change, as numbers in a ring: every bar of every
 * market is observed, and an object per bar kept N bars outlived the young generation.
 */
class ObservationWindow {
  readonly probability: Float64Array;
  readonly evBps: Float64Array;
  readonly thresholdShift: Float64Array;
  /** 1 when every gate passed on that bar. */
  readonly gatesPass: Uint8Array;
  /** 1 when that bar's P was calibrated. */
  readonly calibrated: Uint8Array;
  private start = 0;
  length = 0;

  constructor(private readonly capacity: number) {
    this.probability = new Float64Array(capacity);
    this.evBps = new Float64Array(capacity);
    this.thresholdShift = new Float64Array(capacity);
    this.gatesPass = new Uint8Array(capacity);
    this.calibrated = new Uint8Array(capacity);
  }

  push(o: Observation): void {
    if (this.length === this.capacity) {
      this.start = (this.start + 1) % this.capacity;
      this.length -= 1;
    }
    const slot = (this.start + this.length) % this.capacity;
    this.probability[slot] = o.probability;
    this.evBps[slot] = o.evBps;
    this.thresholdShift[slot] = o.thresholdShift;
    this.gatesPass[slot] = o.failedGates.length === 0 ? 1 : 0;
    this.calibrated[slot] = o.calibrated ? 1 : 0;
    this.length += 1;
  }

  /** Storage slot of the i-th oldest observation. */
  slot(i: number): number {
    return (this.start + i) % this.capacity;
  }

  clear(): void {
    this.start = 0;
    this.length = 0;
  }
}

export interface TierDecision {
  readonly tier: Tier;
  readonly changed: boolean;
  readonly from: Tier;
  readonly reason: string;
}

const pct = (p: number): string => `${(p * 100).toFixed(1)}%`;

const RANK: Readonly<Record<Tier, number>> = { FAILED: -1, IGNORE: 0, WATCH: 1, PRIME: 2 };
/** The tiers a confirmed upgrade can reach, best first. */
const UPGRADES = ['PRIME', 'WATCH'] as const;

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
  /** The first bar this machine graded: the start of the tier no change has ended yet. */
  private firstAt: number | null = null;
  private readonly window: ObservationWindow;
  /**
   * The thresholds as the hold reasons print them, made once: a reason is written on every bar
   * of every market (the board shows it), and these parts of it never change.
   */
  private readonly text: {
    readonly primeEnter: string;
    readonly watchEnter: string;
    readonly primeStay: string;
    readonly watchStay: string;
  };

  constructor(private readonly t: TierThresholds) {
    if (t.confirmK < 1 || t.confirmK > t.confirmN) throw new RangeError('tiers: need 1 <= K <= N');
    this.window = new ObservationWindow(t.confirmN);
    this.text = {
      primeEnter: pct(t.primeEnter),
      watchEnter: pct(t.watchEnter),
      primeStay: pct(t.primeStay),
      watchStay: pct(t.watchStay),
    };
  }

  get tier(): Tier {
    return this.current;
  }

  /**
   * Since when the current tier holds: the bar of the last change, or, before any, the first
   * bar graded (then `sinceKnown` is false: at least since then). Read after `evaluate`.
   */
  get since(): number {
    const since = this.lastChangeAt ?? this.firstAt;
    if (since === null) throw new Error('tier machine: no bar graded yet, so no tier start (bug)');
    return since;
  }

  get sinceKnown(): boolean {
    return this.lastChangeAt !== null;
  }

  evaluate(input: TierInput): TierDecision {
    if (this.firstAt === null) this.firstAt = input.at;
    if (input.kind === 'failed') {
      if (this.current === 'FAILED') return this.stay(input.reason);
      return this.change('FAILED', input.at, input.reason);
    }
    if (this.current === 'FAILED') {
      return this.change('IGNORE', input.at, 'recovered: factors computable again');
    }
    const now = input;
    this.window.push(now);

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
    const n = this.window.length;
    if (n < k) return null;
    for (const tier of UPGRADES) {
      if (RANK[tier] <= RANK[this.current]) break;
      const entered = this.countEntering(tier);
      if (entered >= k && this.countStaying(tier) === n) {
        return { tier, reason: `${entered} of ${n} bars at ${tier} entry level` };
      }
    }
    if (this.current === 'IGNORE') return null;
    const current = this.current;
    const below = n - this.countStaying(current);
    const backAtEntry = this.countEntering(current) > 0;
    if (below >= k && !backAtEntry) {
      const latest = this.window.slot(n - 1);
      const to: Tier = current === 'PRIME' && this.stays('WATCH', latest) ? 'WATCH' : 'IGNORE';
      return { tier: to, reason: `${below} of ${n} bars below ${current} stay level` };
    }
    return null;
  }

  /**
   * How many bars of the window are at `tier`'s entry level. A loop per test rather than one
   * taking a closure: this runs on every bar of every market, and the closures were a tenth
   * of what the scanner allocated.
   */
  private countEntering(tier: Tier): number {
    let matching = 0;
    for (let i = 0; i < this.window.length; i += 1)
      if (this.enters(tier, this.window.slot(i))) matching += 1;
    return matching;
  }

  /** How many bars of the window are at or above `tier`'s stay level. */
  private countStaying(tier: Tier): number {
    let matching = 0;
    for (let i = 0; i < this.window.length; i += 1)
      if (this.stays(tier, this.window.slot(i))) matching += 1;
    return matching;
  }

  private tradeable(o: Observation): boolean {
    return o.evBps > 0 && o.failedGates.length === 0;
  }

  private tradeableAt(slot: number): boolean {
    return (this.window.evBps[slot] as number) > 0 && this.window.gatesPass[slot] === 1;
  }

  private calibratedAt(slot: number): boolean {
    return this.window.calibrated[slot] === 1;
  }

  private untradeableReason(o: Observation): string {
    if (o.failedGates.length > 0) return `gate failed: ${o.failedGates.join(', ')}`;
    return `EV ${o.evBps.toFixed(2)} bps <= 0`;
  }

  private enters(tier: Tier, slot: number): boolean {
    const p = this.window.probability[slot] as number;
    const shift = this.window.thresholdShift[slot] as number;
    if (tier === 'PRIME')
      return this.calibratedAt(slot) && p >= this.t.primeEnter + shift && this.tradeableAt(slot);
    if (tier === 'WATCH') return p >= this.t.watchEnter + shift;
    return true;
  }

  private stays(tier: Tier, slot: number): boolean {
    const p = this.window.probability[slot] as number;
    if (tier === 'PRIME')
      return this.calibratedAt(slot) && p >= this.t.primeStay && this.tradeableAt(slot);
    if (tier === 'WATCH') return p >= this.t.watchStay;
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
      return `PRIME holds: P ${pct(o.probability)} >= stay ${this.text.primeStay}, EV ${o.evBps.toFixed(1)} bps, gates pass`;
    }
    const entry = (next === 'PRIME' ? this.t.primeEnter : this.t.watchEnter) + o.thresholdShift;
    // Unshifted (no modulators, most bars), the entry is the threshold itself: its text is made.
    const entryText =
      o.thresholdShift !== 0
        ? pct(entry)
        : next === 'PRIME'
          ? this.text.primeEnter
          : this.text.watchEnter;
    if (o.probability < entry) {
      const raised =
        o.thresholdShift > 0 ? ` (raised ${pct(o.thresholdShift)} by market conditions)` : '';
      return `${current} holds: P ${pct(o.probability)} below ${next} entry ${entryText}${raised}`;
    }
    const entered = this.countEntering(next);
    if (entered < this.t.confirmK) {
      return `${current} holds: ${entered} of ${this.window.length} bars at ${next} entry ${entryText}, needs ${this.t.confirmK} of ${this.t.confirmN}`;
    }
    const stay = next === 'PRIME' ? this.text.primeStay : this.text.watchStay;
    return `${current} holds: a bar of the last ${this.window.length} fell below ${next} stay ${stay}`;
  }

  private stay(reason: string): TierDecision {
    return { tier: this.current, changed: false, from: this.current, reason };
  }

  private change(to: Tier, at: number, reason: string): TierDecision {
    const from = this.current;
    this.current = to;
    this.lastChangeAt = at;
    this.window.clear();
    return { tier: to, changed: true, from, reason };
  }
}
