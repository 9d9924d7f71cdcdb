import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  grossNotional,
  isReducing,
  openSymbols,
  portfolioHeat,
  symbolNotional,
} from '../../../../src-main/engine/risk/exposure';
import { checkOrder } from '../../../../src-main/engine/risk/risk-gate';
import type {
  Exposure,
  OrderCandidate,
  RiskContext,
} from '../../../../src-main/engine/risk/risk-types';
import { defaultRiskConfig, type RiskConfig } from '../../../../src-shared/domain/risk-config';
import type { ControlMode } from '../../../../src-shared/domain/modes';
import { riskHarness } from '../../../support/risk-harness';

// Synthetic price paths and order flows: the property needs adversarial shapes (flips,
// stacking, limit edges) that real candles give too rarely.

const SYMBOLS = ['A/USDT', 'B/USDT', 'C/USDT', 'D/USDT', 'E/USDT'];

type Step =
  | { kind: 'price'; symbol: number; factor: number }
  | {
      kind: 'order';
      symbol: number;
      side: 'buy' | 'sell';
      notionalPct: number;
      stopPct: number;
      working: boolean;
      reduceOnly: boolean;
    }
  | { kind: 'mode'; mode: ControlMode };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('price' as const),
      symbol: fc.nat(4),
      factor: fc.double({ min: 0.8, max: 1.25, noNaN: true }),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('order' as const),
      symbol: fc.nat(4),
      side: fc.constantFrom('buy' as const, 'sell' as const),
      notionalPct: fc.double({ min: 0.05, max: 250, noNaN: true }),
      stopPct: fc.double({ min: 0.1, max: 30, noNaN: true }),
      working: fc.boolean(),
      reduceOnly: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('mode' as const),
      mode: fc.constantFrom<ControlMode>('RUNNING', 'PAUSED', 'REDUCING', 'HALTED'),
    }),
  },
);

const configArb: fc.Arbitrary<RiskConfig> = fc
  .record({
    maxHeatPct: fc.integer({ min: 2, max: 40 }),
    maxOpenPositions: fc.integer({ min: 1, max: 5 }),
    maxLeverage: fc.double({ min: 1, max: 10, noNaN: true }),
    sharePct: fc.double({ min: 0.1, max: 1, noNaN: true }),
  })
  .map(({ maxHeatPct, maxOpenPositions, maxLeverage, sharePct }) => ({
    ...defaultRiskConfig('UTC'),
    maxHeatPct,
    maxOpenPositions,
    maxLeverage,
    maxSymbolSharePct: Math.max(1, sharePct * maxLeverage * 100),
    lossCooldownMin: 0,
  }));

/** Applies a filled order as its own lot; reducing orders shrink lots FIFO; a flip closes all then opens the rest. */
function fill(lots: Exposure[], order: OrderCandidate): Exposure[] {
  const others = lots.filter((l) => l.symbol !== order.symbol);
  let mine = lots.filter((l) => l.symbol === order.symbol);
  let remaining = order.side === 'buy' ? order.qty : -order.qty;
  const next: Exposure[] = [];
  for (const lot of mine) {
    if (remaining !== 0 && Math.sign(lot.qty) === -Math.sign(remaining)) {
      const used = Math.sign(remaining) * Math.min(Math.abs(remaining), Math.abs(lot.qty));
      remaining -= used;
      const left = lot.qty + used;
      if (Math.abs(left) > 1e-12) next.push({ ...lot, qty: left });
    } else next.push(lot);
  }
  mine = next;
  if (Math.abs(remaining) > 1e-12)
    mine.push({
      symbol: order.symbol,
      qty: remaining,
      mark: order.price,
      ...(order.stopPrice !== undefined ? { stopPrice: order.stopPrice } : {}),
    });
  return [...others, ...mine];
}

/**
 * The limits an approved entry must leave intact: the book-wide ones, and the share of the
 * symbol it traded. Another symbol's share can drift past its limit through price alone; the
 * gate then refuses entries in that symbol, which is all an order gate can do.
 */
function limitsHold(ctx: RiskContext, traded: string): string | null {
  const eps = 1e-9 * ctx.equity;
  const c = ctx.config;
  if (portfolioHeat(ctx) > (ctx.equity * c.maxHeatPct) / 100 + eps) return 'heat';
  if (openSymbols(ctx).size > c.maxOpenPositions) return 'positions';
  if (grossNotional(ctx) > ctx.equity * c.maxLeverage + eps) return 'leverage';
  if (symbolNotional(ctx, traded) > (ctx.equity * c.maxSymbolSharePct) / 100 + eps)
    return `share ${traded}`;
  return null;
}

describe('risk gate properties', () => {
  it('no approved order ever produces a state beyond heat, positions, per-symbol share or leverage', () => {
    fc.assert(
      fc.property(
        configArb,
        fc.array(stepArb, { minLength: 1, maxLength: 80 }),
        (config, steps) => {
          const marks = new Map(SYMBOLS.map((s, i) => [s, 10 * (i + 1)]));
          let ctx: RiskContext = {
            now: Date.UTC(2026, 0, 1),
            mode: 'RUNNING',
            config,
            equity: 10_000,
            startOfDayEquity: 10_000,
            peakEquity: 10_000,
            positions: [],
            workingEntries: [],
            lastLossAt: null,
          };
          for (const step of steps) {
            if (step.kind === 'price') {
              const symbol = SYMBOLS[step.symbol] as string;
              const mark = (marks.get(symbol) as number) * step.factor;
              marks.set(symbol, mark);
              const remark = (e: Exposure): Exposure => (e.symbol === symbol ? { ...e, mark } : e);
              ctx = {
                ...ctx,
                positions: ctx.positions.map(remark),
                workingEntries: ctx.workingEntries.map(remark),
              };
              continue;
            }
            if (step.kind === 'mode') {
              ctx = { ...ctx, mode: step.mode };
              continue;
            }
            const symbol = SYMBOLS[step.symbol] as string;
            const price = marks.get(symbol) as number;
            const qty = (ctx.equity * step.notionalPct) / 100 / price;
            const stopPrice =
              step.side === 'buy'
                ? price * (1 - step.stopPct / 100)
                : price * (1 + step.stopPct / 100);
            const order: OrderCandidate = {
              symbol,
              side: step.side,
              qty,
              price,
              stopPrice,
              reduceOnly: step.reduceOnly,
              source: 'autopilot',
            };
            const reducing = isReducing(order, ctx.positions);
            const verdict = checkOrder(order, ctx);
            if (!verdict.ok) continue;
            // In any mode but RUNNING, only exposure-reducing orders may pass.
            if (ctx.mode !== 'RUNNING') expect(reducing).toBe(true);
            if (!reducing && step.working) {
              ctx = {
                ...ctx,
                workingEntries: [
                  ...ctx.workingEntries,
                  { symbol, qty: step.side === 'buy' ? qty : -qty, mark: price, stopPrice },
                ],
              };
            } else {
              const before = grossNotional(ctx);
              ctx = { ...ctx, positions: fill([...ctx.positions], order) };
              if (reducing) expect(grossNotional(ctx)).toBeLessThanOrEqual(before + 1e-9);
            }
            // Entries must leave every limit intact at current marks.
            if (!reducing) expect(limitsHold(ctx, symbol)).toBeNull();
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

// Zones with DST in either hemisphere, a half-hour zone and a 45-minute DST zone.
const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'Australia/Sydney',
  'Asia/Kolkata',
  'Pacific/Chatham',
  'UTC',
];
// Around DST changes of 2026 and around local midnights.
const ANCHORS = [
  Date.UTC(2026, 2, 29, 1), // EU spring forward
  Date.UTC(2026, 9, 25, 1), // EU fall back
  Date.UTC(2026, 2, 8, 7), // US spring forward
  Date.UTC(2026, 10, 1, 6), // US fall back
  Date.UTC(2026, 3, 4, 16), // Sydney fall back (Apr 5 03:00 local)
  Date.UTC(2026, 9, 3, 16), // Sydney spring forward (Oct 4 02:00 local)
  Date.UTC(2026, 3, 4, 14), // Chatham fall back
  Date.UTC(2026, 5, 15, 22), // plain midnights
];

/** Reference local date through a different formatter than the engine's. */
function localDate(ms: number, zone: string): string {
  return new Date(ms).toLocaleDateString('sv-SE', { timeZone: zone });
}

describe('daily-loss halt property', () => {
  it('halts exactly at the first observation where the zoned-day loss reaches 2%, across DST and midnight', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.constantFrom(...ANCHORS),
        fc.integer({ min: -6 * 60, max: 6 * 60 }),
        fc.array(
          fc.record({
            minutes: fc.integer({ min: 1, max: 180 }),
            change: fc.double({ min: -0.012, max: 0.01, noNaN: true }),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        (zone, anchor, offsetMin, path) => {
          const h = riskHarness([], ':memory:', zone);
          h.risk.config.update({ maxDrawdownPct: 90, softDrawdownPct: 80 }, 'test');
          h.clock.advance(anchor + offsetMin * 60_000 - h.clock.now());
          let equity = 10_000;
          let sod = equity;
          h.risk.guard.observeEquity(equity);
          let day = localDate(h.clock.now(), zone);
          for (const step of path) {
            h.clock.advance(step.minutes * 60_000);
            equity = Math.max(1, equity * (1 + step.change));
            const today = localDate(h.clock.now(), zone);
            if (today !== day) {
              day = today;
              sod = equity;
            }
            const alarm = h.risk.guard.observeEquity(equity);
            const shouldHalt = sod - equity >= sod * 0.02;
            expect(alarm?.kind === 'daily-loss').toBe(shouldHalt);
            if (shouldHalt) {
              expect(h.risk.control.current).toMatchObject({
                mode: 'HALTED',
                actor: 'risk:daily-loss',
              });
              return;
            }
            expect(h.risk.control.mode).toBe('RUNNING');
          }
          h.store.close();
        },
      ),
      { numRuns: 200 },
    );
  });
});
