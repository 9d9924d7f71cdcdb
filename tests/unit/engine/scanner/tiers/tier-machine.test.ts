import { describe, expect, it } from 'vitest';
import type { Tier } from '../../../../../src-shared/contract/scanner';
import { DEFAULT_SCANNER_CONFIG } from '../../../../../src-main/engine/scanner/scoring/scanner-config';
import {
  TierMachine,
  type TierInput,
} from '../../../../../src-main/engine/scanner/tiers/tier-machine';

// Synthetic probability paths: these exact shapes (a slow rise, a strict alternation) are what
// the anti-jitter rules must handle, and real data does not produce them on demand.
const FIFTEEN_MINUTES = 900_000;
const T0 = 1_700_000_000_000;

function bar(
  at: number,
  probability: number,
  extra: Partial<Extract<TierInput, { kind: 'ok' }>> = {},
): TierInput {
  return {
    kind: 'ok',
    at,
    probability,
    calibrated: true,
    evBps: 10,
    failedGates: [],
    thresholdShift: 0,
    ...extra,
  };
}

function run(machine: TierMachine, inputs: TierInput[]): Tier[] {
  return inputs.map((input) => machine.evaluate(input).tier);
}

const tiers = DEFAULT_SCANNER_CONFIG.tiers;

describe('TierMachine anti-jitter', () => {
  it('an uncalibrated P is graded at most WATCH, whatever its level; PRIME needs calibration', () => {
    const machine = new TierMachine(tiers);
    const path = [0.9, 0.92, 0.95, 0.95, 0.95];
    const out = run(
      machine,
      path.map((p, i) => bar(T0 + i * FIFTEEN_MINUTES, p, { calibrated: false })),
    );
    expect(out).toEqual(['IGNORE', 'WATCH', 'WATCH', 'WATCH', 'WATCH']);
    expect(
      machine.evaluate(bar(T0 + 5 * FIFTEEN_MINUTES, 0.95, { calibrated: false })).reason,
    ).toBe(
      'WATCH holds: P 95.0% is uncalibrated (the prior mapping, not a win chance); PRIME needs a calibrated P',
    );
  });

  it('a PRIME whose P stops being calibrated leaves PRIME on that bar', () => {
    const machine = new TierMachine(tiers);
    run(
      machine,
      [0.9, 0.9, 0.9, 0.9].map((p, i) => bar(T0 + i * FIFTEEN_MINUTES, p)),
    );
    expect(machine.tier).toBe('PRIME');
    const left = machine.evaluate(bar(T0 + 20 * FIFTEEN_MINUTES, 0.9, { calibrated: false }));
    expect(left).toMatchObject({
      tier: 'WATCH',
      changed: true,
      reason: 'left PRIME: P is no longer calibrated',
    });
  });

  it('a gradual rise 0.75 -> 0.83 reaches PRIME only after K=2 of N=3 confirmation', () => {
    const machine = new TierMachine(tiers);
    const path = [0.75, 0.77, 0.79, 0.81, 0.83];
    const out = run(
      machine,
      path.map((p, i) => bar(T0 + i * FIFTEEN_MINUTES, p)),
    );
    // WATCH after two bars at its entry level; PRIME only on the second bar >= 0.80.
    expect(out).toEqual(['IGNORE', 'WATCH', 'WATCH', 'WATCH', 'PRIME']);
  });

  it('a single bar above 0.80 is not enough', () => {
    const machine = new TierMachine(tiers);
    const out = run(
      machine,
      [0.6, 0.6, 0.81, 0.75, 0.75].map((p, i) => bar(T0 + i * FIFTEEN_MINUTES, p)),
    );
    expect(out).toEqual(['IGNORE', 'WATCH', 'WATCH', 'WATCH', 'WATCH']);
  });

  it('alternating 0.82/0.68/0.84/0.66/0.85 never reaches PRIME and does not flap', () => {
    for (const start of [[], [0.6, 0.6]]) {
      const machine = new TierMachine(tiers);
      const path = [...start, 0.82, 0.68, 0.84, 0.66, 0.85];
      const decisions = path.map((p, i) => machine.evaluate(bar(T0 + i * FIFTEEN_MINUTES, p)));
      expect(decisions.map((d) => d.tier)).not.toContain('PRIME');
      expect(decisions.filter((d) => d.changed).length).toBeLessThanOrEqual(1);
    }
  });

  it('alternating around the PRIME stay level does not knock a PRIME out', () => {
    const machine = new TierMachine(tiers);
    const out = run(
      machine,
      [0.85, 0.86, 0.68, 0.84, 0.66, 0.85].map((p, i) => bar(T0 + i * FIFTEEN_MINUTES, p)),
    );
    expect(out).toEqual(['IGNORE', 'PRIME', 'PRIME', 'PRIME', 'PRIME', 'PRIME']);
  });

  it('the cooldown blocks a second change within 90 s of the feed clock, then lets it through', () => {
    const machine = new TierMachine(tiers);
    // Bars 30 s apart (a fast feed), so a confirmed change can land inside the 90 s cooldown.
    const at = (s: number): number => T0 + s * 1000;
    const decisions = [
      machine.evaluate(bar(at(0), 0.85)),
      machine.evaluate(bar(at(30), 0.85)), // IGNORE -> PRIME (2 of 2)
      machine.evaluate(bar(at(60), 0.3)),
      machine.evaluate(bar(at(90), 0.3)), // confirmed downgrade, but only 60 s after the change
      machine.evaluate(bar(at(120), 0.3)), // 90 s after: allowed
    ];
    expect(decisions.map((d) => d.tier)).toEqual(['IGNORE', 'PRIME', 'PRIME', 'PRIME', 'IGNORE']);
    expect(decisions[3]?.reason).toMatch(
      /^IGNORE confirmed but the 90 s cooldown between tier changes blocks it for 30 s more$/,
    );
  });

  it('EV <= 0 keeps a symbol out of PRIME even at P = 0.95', () => {
    const machine = new TierMachine(tiers);
    const out = run(
      machine,
      [0.95, 0.95, 0.95].map((p, i) => bar(T0 + i * FIFTEEN_MINUTES, p, { evBps: 0 })),
    );
    expect(out).toEqual(['IGNORE', 'WATCH', 'WATCH']);
  });

  it('a failed gate keeps a symbol out of PRIME, and knocks a PRIME out on that bar', () => {
    const gated = new TierMachine(tiers);
    const blocked = run(
      gated,
      [0.9, 0.9, 0.9].map((p, i) => bar(T0 + i * FIFTEEN_MINUTES, p, { failedGates: ['impact'] })),
    );
    expect(blocked).not.toContain('PRIME');

    const machine = new TierMachine(tiers);
    run(
      machine,
      [0.9, 0.9].map((p, i) => bar(T0 + i * FIFTEEN_MINUTES, p)),
    );
    expect(machine.tier).toBe('PRIME');
    // 10 s later: inside the cooldown, but a safety exit is never held back.
    const decision = machine.evaluate(
      bar(T0 + FIFTEEN_MINUTES + 10_000, 0.9, { failedGates: ['staleness'] }),
    );
    expect(decision).toMatchObject({ tier: 'WATCH', changed: true, from: 'PRIME' });
    expect(decision.reason).toContain('gate failed: staleness');
  });

  it('modulator shifts raise the entry level but never the direction-free stay level', () => {
    const machine = new TierMachine(tiers);
    const out = run(
      machine,
      [0.82, 0.82, 0.82].map((p, i) => bar(T0 + i * FIFTEEN_MINUTES, p, { thresholdShift: 0.05 })),
    );
    expect(out).not.toContain('PRIME');
  });

  it('FAILED at once on a failed input (no confirmation, no cooldown), recovering to IGNORE', () => {
    const machine = new TierMachine(tiers);
    run(
      machine,
      [0.9, 0.9].map((p, i) => bar(T0 + i * FIFTEEN_MINUTES, p)),
    );
    const failed = machine.evaluate({
      kind: 'failed',
      at: T0 + FIFTEEN_MINUTES + 1000,
      reason: 'factor trend: boom',
    });
    expect(failed).toMatchObject({
      tier: 'FAILED',
      changed: true,
      from: 'PRIME',
      reason: 'factor trend: boom',
    });
    expect(machine.evaluate(bar(T0 + 3 * FIFTEEN_MINUTES, 0.9)).tier).toBe('IGNORE');
  });
});

describe('TierMachine hold reasons name what a tier still lacks', () => {
  const reasons = (inputs: TierInput[]): string[] => {
    const machine = new TierMachine(tiers);
    return inputs.map((input) => machine.evaluate(input).reason);
  };

  it('an IGNORE below WATCH entry says by how much, and when modulators raised the bar', () => {
    const [low, raised] = reasons([
      bar(T0, 0.42),
      bar(T0 + FIFTEEN_MINUTES, 0.55, { thresholdShift: 0.1 }),
    ]);
    expect(low).toBe('IGNORE holds: P 42.0% below WATCH entry 50.0%');
    expect(raised).toBe(
      'IGNORE holds: P 55.0% below WATCH entry 60.0% (raised 10.0% by market conditions)',
    );
  });

  it('an IGNORE at WATCH level waits for persistence, and says K of N', () => {
    const [first] = reasons([bar(T0, 0.646, { evBps: 60 })]);
    expect(first).toBe('IGNORE holds: 1 of 1 bars at WATCH entry 50.0%, needs 2 of 3');
  });

  it('a blocked PRIME names the failed gate; a held PRIME shows its margins', () => {
    const path = [0.85, 0.86, 0.87, 0.88].map((p, i) => bar(T0 + i * 4 * FIFTEEN_MINUTES, p));
    const out = reasons([
      ...path,
      bar(T0 + 20 * FIFTEEN_MINUTES, 0.9, { failedGates: ['spread'] }),
    ]);
    expect(out[3]).toMatch(/^PRIME holds: P 88\.0% >= stay 70\.0%, EV 10\.0 bps, gates pass$/);
    expect(out[4]).toBe('left PRIME: gate failed: spread');
  });

  it('a confirmed change inside the cooldown says how long it still waits', () => {
    // WATCH at the second bar; PRIME is confirmed 30 s later, inside the 90 s cooldown.
    const out = reasons([
      bar(T0, 0.6),
      bar(T0 + 30_000, 0.6),
      bar(T0 + 60_000, 0.85),
      bar(T0 + 90_000, 0.85),
    ]);
    expect(out[3]).toBe(
      'PRIME confirmed but the 90 s cooldown between tier changes blocks it for 30 s more',
    );
  });
});

describe('TierMachine: since when the tier holds', () => {
  it('is the first graded bar (not known) until a change, then the bar of the last change', () => {
    const machine = new TierMachine(tiers);
    // Before any bar there is no tier start to give, and no stand-in for one.
    expect(() => machine.since).toThrow(/no bar graded yet/);
    machine.evaluate(bar(T0, 0.1));
    machine.evaluate(bar(T0 + FIFTEEN_MINUTES, 0.1));
    // IGNORE since the machine began: at least since its first bar, no change seen.
    expect([machine.tier, machine.since, machine.sinceKnown]).toEqual(['IGNORE', T0, false]);
    const out = run(
      machine,
      [0.9, 0.9, 0.9, 0.9].map((p, i) => bar(T0 + (i + 2) * FIFTEEN_MINUTES, p)),
    );
    const changedAt = T0 + (2 + out.indexOf(machine.tier)) * FIFTEEN_MINUTES;
    expect(machine.tier).not.toBe('IGNORE');
    expect([machine.since, machine.sinceKnown]).toEqual([changedAt, true]);
    // A bar that holds the tier keeps its start.
    machine.evaluate(bar(T0 + 10 * FIFTEEN_MINUTES, 0.9));
    expect(machine.since).toBe(changedAt);
    // FAILED input is a change too, on its own bar.
    machine.evaluate({ kind: 'failed', at: T0 + 11 * FIFTEEN_MINUTES, reason: 'bad candle' });
    expect([machine.tier, machine.since, machine.sinceKnown]).toEqual([
      'FAILED',
      T0 + 11 * FIFTEEN_MINUTES,
      true,
    ]);
  });
});
