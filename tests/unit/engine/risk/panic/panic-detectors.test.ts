import { describe, expect, it } from 'vitest';
import { ErrorCascadeDetector } from '../../../../../src-main/engine/risk/panic/error-cascade';
import { checkSlippage } from '../../../../../src-main/engine/risk/panic/slippage-blowout';
import { SpreadBlowoutDetector } from '../../../../../src-main/engine/risk/panic/spread-blowout';
import { StaleQuoteDetector } from '../../../../../src-main/engine/risk/panic/stale-quotes';
import { FakeVenue, populate } from '../../../../../tests/support/fake-venue';
import { riskHarness } from '../../../../../tests/support/risk-harness';

describe('stale quotes', () => {
  it('alarms only for held symbols whose last quote is older than the limit', () => {
    const d = new StaleQuoteDetector();
    d.quote('A/USDT', 1_000);
    d.quote('B/USDT', 1_000);
    expect(d.check(['A/USDT'], 31_000, 30_000)).toBeNull();
    expect(d.check([], 100_000, 30_000)).toBeNull();
    expect(d.check(['A/USDT'], 31_001, 30_000)).toMatchObject({
      detector: 'stale-quotes',
      numbers: { ageMs: 30_001 },
    });
    expect(d.check(['C/USDT'], 1_000, 30_000)?.reason).toBe(
      'no quote ever received for held C/USDT',
    );
  });
});

describe('spread blowout', () => {
  it('needs a normal first, then alarms above 3x the recent median', () => {
    const d = new SpreadBlowoutDetector();
    // 1 bp spreads around 100.
    for (let i = 0; i < 9; i += 1) expect(d.observe('A/USDT', 99.995, 100.005, 3, 100)).toBeNull();
    expect(d.observe('A/USDT', 99.9, 100.1, 3, 100)).toBeNull(); // 10th sample: no normal yet
    expect(d.observe('A/USDT', 99.9865, 100.0135, 3, 100)).toBeNull(); // 2.7 bp
    expect(d.observe('A/USDT', 99.98, 100.02, 3, 100)).toMatchObject({
      detector: 'spread',
      numbers: { normalBps: expect.closeTo(1, 3) },
    });
  });

  it('refuses a crossed or non-finite quote', () => {
    expect(() => new SpreadBlowoutDetector().observe('A/USDT', 101, 100, 3, 100)).toThrow(
      'bad quote for A/USDT',
    );
  });
});

describe('slippage blowout', () => {
  const fill = { symbol: 'A/USDT', side: 'buy' as const, referencePrice: 100, expectedBps: 5 };
  it('alarms when realized adverse slippage exceeds 3x expected', () => {
    expect(checkSlippage({ ...fill, fillPrice: 100.149 }, 3, 2)).toBeNull();
    expect(checkSlippage({ ...fill, fillPrice: 100.16 }, 3, 2)).toMatchObject({
      detector: 'slippage',
      numbers: { allowedBps: 15 },
    });
    // Favourable fills are never a panic; sells slip downwards.
    expect(checkSlippage({ ...fill, fillPrice: 99 }, 3, 2)).toBeNull();
    expect(checkSlippage({ ...fill, side: 'sell', fillPrice: 99.8 }, 3, 2)?.detector).toBe(
      'slippage',
    );
  });

  it('uses the floor for tiny expectations', () => {
    expect(checkSlippage({ ...fill, expectedBps: 0.1, fillPrice: 100.05 }, 3, 2)).toBeNull();
  });
});

describe('error cascade', () => {
  it('alarms at N errors within M seconds per venue, forgetting older ones', () => {
    const d = new ErrorCascadeDetector();
    for (let i = 0; i < 4; i += 1) expect(d.record('binance', i * 10_000, 5, 60)).toBeNull();
    expect(d.record('paper', 40_000, 5, 60)).toBeNull();
    expect(d.record('binance', 59_000, 5, 60)).toMatchObject({
      detector: 'error-cascade',
      numbers: { errors: 5 },
    });
    expect(d.record('binance', 200_000, 5, 60)).toBeNull();
  });
});

describe('panic monitor', () => {
  it('halts through the kill switch with the detector as actor and reason, once', async () => {
    const venue = new FakeVenue('paper');
    populate(venue, 12, 3);
    const h = riskHarness([venue]);
    h.risk.config.update({ flattenOnKill: true }, 'user:test');
    for (let i = 0; i < 4; i += 1) h.risk.panic.venueError('paper', h.clock.now());
    expect(h.risk.control.mode).toBe('RUNNING');
    expect(h.risk.panic.venueError('paper', h.clock.now())?.detector).toBe('error-cascade');
    expect(h.risk.control.current).toMatchObject({
      mode: 'HALTED',
      actor: 'risk:panic:error-cascade',
    });
    expect(h.risk.panic.venueError('paper', h.clock.now())).not.toBeNull(); // still alarming, no second kill
    expect(h.auditRows('kill.triggered')).toHaveLength(1);
    for (let i = 0; i < 100 && h.risk.kill.inProgress; i += 1)
      await new Promise((r) => setImmediate(r));
    expect(venue.orders.size).toBe(0);
    expect(venue.held.size).toBe(0);
  });
});
