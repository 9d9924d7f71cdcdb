/**
 * One standardization chain per raw factor series: pre-smoothing, robust z from an
 * exponentially weighted median and MAD, soft winsorization, tanh compression to +-100.
 * State persists per series; every output carries its diagnostics.
 */
export interface StandardizationConfig {
  /** EW pre-smoothing of the raw value: s = alpha * x + (1 - alpha) * s. */
  readonly preSmoothingAlpha: number;
  /** Observations used to seed the median and MAD exactly before streaming updates start. */
  readonly warmup: number;
  /** Learning rate of the EW median and MAD (fraction of the scale per step). */
  readonly medianRate: number;
  /** MAD -> standard deviation under normality. */
  readonly madScale: number;
  /** MAD floor: max(absolute, relative * |median|), so a flat series never divides by zero. */
  readonly madFloorAbsolute: number;
  readonly madFloorRelative: number;
  /** Soft winsorization: identity up to z0, then compressed towards zmax with softness lambda. */
  readonly winsorZ0: number;
  readonly winsorZMax: number;
  readonly winsorLambda: number;
  /** Final compression: 100 * tanh(w / tau). */
  readonly tanhTau: number;
}

export const DEFAULT_STANDARDIZATION: StandardizationConfig = {
  preSmoothingAlpha: 0.15,
  warmup: 20,
  medianRate: 0.05,
  madScale: 1.4826,
  madFloorAbsolute: 1e-12,
  madFloorRelative: 1e-6,
  winsorZ0: 2.5,
  winsorZMax: 6,
  winsorLambda: 1.5,
  tanhTau: 3,
};

/** What happened to one input on its way to the standardized value. */
export interface StandardizationDiagnostics {
  readonly raw: number;
  readonly smoothed: number;
  /** Median and MAD the z-score was taken against (state before this input). */
  readonly median: number;
  readonly mad: number;
  /** The scale divided by: madScale * max(mad, floor). */
  readonly scale: number;
  readonly madFloored: boolean;
  readonly z: number;
  readonly winsorized: number;
  readonly clipped: boolean;
  readonly samples: number;
}

export interface StandardizedValue {
  /** In [-100, 100]. */
  readonly value: number;
  readonly diagnostics: StandardizationDiagnostics;
}

export function validateStandardizationConfig(c: StandardizationConfig): StandardizationConfig {
  const problems: string[] = [];
  const check = (ok: boolean, what: string): void => {
    if (!ok) problems.push(what);
  };
  const finite = (v: number): boolean => Number.isFinite(v);
  check(
    finite(c.preSmoothingAlpha) && c.preSmoothingAlpha > 0 && c.preSmoothingAlpha <= 1,
    'preSmoothingAlpha must be in (0, 1]',
  );
  check(Number.isInteger(c.warmup) && c.warmup >= 3, 'warmup must be an integer >= 3');
  check(
    finite(c.medianRate) && c.medianRate > 0 && c.medianRate < 1,
    'medianRate must be in (0, 1)',
  );
  check(finite(c.madScale) && c.madScale > 0, 'madScale must be > 0');
  check(finite(c.madFloorAbsolute) && c.madFloorAbsolute > 0, 'madFloorAbsolute must be > 0');
  check(finite(c.madFloorRelative) && c.madFloorRelative >= 0, 'madFloorRelative must be >= 0');
  check(finite(c.winsorZ0) && c.winsorZ0 > 0, 'winsorZ0 must be > 0');
  check(finite(c.winsorZMax) && c.winsorZMax > c.winsorZ0, 'winsorZMax must be > winsorZ0');
  check(finite(c.winsorLambda) && c.winsorLambda > 0, 'winsorLambda must be > 0');
  check(finite(c.tanhTau) && c.tanhTau > 0, 'tanhTau must be > 0');
  if (problems.length > 0) throw new RangeError(`standardization config: ${problems.join('; ')}`);
  return c;
}

/**
 * Soft winsorization: identity for |z| <= z0; beyond it the excess is squeezed by
 * tanh so the result approaches zmax and never exceeds it. The slope just past z0 is
 * 1 / lambda, so lambda sets how abruptly the compression starts.
 */
export function softWinsorize(z: number, z0: number, zMax: number, lambda: number): number {
  const magnitude = Math.abs(z);
  if (magnitude <= z0) return z;
  const room = zMax - z0;
  return Math.sign(z) * (z0 + room * Math.tanh((magnitude - z0) / (lambda * room)));
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * The chain's state for one series. The EW median moves by medianRate * scale towards each
 * new value (a stochastic-approximation median: one outlier moves it by at most that step);
 * the MAD moves multiplicatively towards the current absolute deviation (so it tracks the
 * median absolute deviation and one outlier changes it by at most a factor e^rate).
 */
export class StandardizationChain {
  private smoothed = 0;
  private median = 0;
  private mad = 0;
  private count = 0;
  private readonly seed: number[] = [];
  private lastValue = 0;
  private lastZ = 0;
  private lastClipped = false;

  constructor(private readonly config: StandardizationConfig = DEFAULT_STANDARDIZATION) {
    validateStandardizationConfig(config);
  }

  /** The last step's standardized value, in [-100, 100]. */
  get value(): number {
    return this.lastValue;
  }

  /** The last step's robust z (before winsorizing). */
  get z(): number {
    return this.lastZ;
  }

  /** Whether the last step's z was beyond the winsor knee. */
  get clipped(): boolean {
    return this.lastClipped;
  }

  get samples(): number {
    return this.count;
  }

  /**
   * Feeds one raw value; returns null while the median/MAD are still being seeded. With the
   * full diagnostics, for inspection and tests; the scanner's per-bar path uses `step`.
   */
  update(raw: number): StandardizedValue | null {
    // The state the value is judged against, before `step` moves it: the diagnostics are
    // recomputed from it here, with step's own arithmetic, so the per-bar path
    // keeps no copies of them.
    const median = this.median;
    const mad = this.mad;
    if (!this.step(raw)) return null;
    const c = this.config;
    const floor = this.floorOf(median);
    const madFloored = mad < floor;
    const diagnostics: StandardizationDiagnostics = {
      raw,
      smoothed: this.smoothed,
      median,
      mad,
      scale: c.madScale * (madFloored ? floor : mad),
      madFloored,
      z: this.lastZ,
      winsorized: softWinsorize(this.lastZ, c.winsorZ0, c.winsorZMax, c.winsorLambda),
      clipped: this.lastClipped,
      samples: this.count,
    };
    return { value: this.lastValue, diagnostics };
  }

  /** The MAD floor: max(absolute, relative * |median|). */
  private floorOf(median: number): number {
    const c = this.config;
    return Math.max(c.madFloorAbsolute, c.madFloorRelative * Math.abs(median));
  }

  /**
   * Feeds one raw value without allocating: false while seeding; otherwise true, with the
   * result in `value`, `z` and `clipped` until the next step. 13 chains step on every bar of
   * every market, and the objects `update` returns were a fifth of the scanner's heap churn.
   */
  step(raw: number): boolean {
    if (!Number.isFinite(raw))
      throw new RangeError(`standardization: raw value is not finite (${raw})`);
    const c = this.config;
    this.smoothed =
      this.count === 0
        ? raw
        : c.preSmoothingAlpha * raw + (1 - c.preSmoothingAlpha) * this.smoothed;
    this.count += 1;
    const y = this.smoothed;
    if (this.count <= c.warmup) {
      this.seed.push(y);
      if (this.count === c.warmup) {
        this.median = medianOf(this.seed);
        this.mad = medianOf(this.seed.map((v) => Math.abs(v - this.median)));
        this.seed.length = 0;
      }
      return false;
    }
    const floor = this.floorOf(this.median);
    const scale = c.madScale * (this.mad < floor ? floor : this.mad);
    const z = (y - this.median) / scale;
    const winsorized = softWinsorize(z, c.winsorZ0, c.winsorZMax, c.winsorLambda);
    this.lastValue = 100 * Math.tanh(winsorized / c.tanhTau);
    this.lastZ = z;
    this.lastClipped = Math.abs(z) > c.winsorZ0;
    // Update after scoring, so a value is judged against the state before it.
    const deviation = Math.abs(y - this.median);
    this.median += c.medianRate * scale * Math.sign(y - this.median);
    // From the floored MAD, so a series that was flat while seeding can still grow a scale.
    const base = Math.max(this.mad, floor);
    this.mad = base * Math.exp(c.medianRate * Math.sign(deviation - base));
    return true;
  }
}
