import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScannerSignal, SignalRow } from '../../../../src-shared/contract/scanner';
import type { RiskUsage } from '../../../../src-shared/contract/risk';
import { DEFAULT_PAPER_MARKETS } from '../../../../src-main/engine/execution/paper/paper-markets';
import {
  proposePlan,
  type PlanProposerDeps,
} from '../../../../src-main/engine/plans/plan-proposer';
import {
  openSymbols,
  portfolioHeat,
  symbolNotional,
} from '../../../../src-main/engine/risk/exposure';
import { checkOrder } from '../../../../src-main/engine/risk/risk-gate';
import type { BookSnapshot } from '../../../../src-main/engine/risk/risk-guard';
import { riskOrderEvaluator } from '../../../../src-main/engine/risk/risk-order-gate';
import type { Exposure } from '../../../../src-main/engine/risk/risk-types';
import { riskHarness } from '../../../support/risk-harness';
import '../../../support/fast-check-seed';

// Synthetic books, configurations and signals: the property needs the limits' edges (a book
// near its heat, positions or symbol share limit) that real sessions reach too rarely. Every
// plan the autopilot sends is made by this same proposePlan, so this covers it too.

const USDT_MARKETS = DEFAULT_PAPER_MARKETS.filter((m) => m.quote === 'USDT');
const PRICES: Readonly<Record<string, number>> = {
  'BTC/USDT': 8228.06,
  'ETH/USDT': 688.69,
  'BNB/USDT': 13.5,
  'ADA/USDT': 0.2312,
};

const caseArb = fc.record({
  equity: fc.double({ min: 200, max: 500_000, noNaN: true }),
  riskPerTradePct: fc.double({ min: 0.3, max: 2, noNaN: true }),
  maxHeatPct: fc.double({ min: 2, max: 25, noNaN: true }),
  maxOpenPositions: fc.integer({ min: 1, max: 4 }),
  maxSymbolSharePct: fc.double({ min: 20, max: 300, noNaN: true }),
  market: fc.nat(USDT_MARKETS.length - 1),
  long: fc.boolean(),
  probability: fc.double({ min: 0.5, max: 0.99, noNaN: true }),
  atrPct: fc.double({ min: 0.1, max: 8, noNaN: true }),
  /** The trader's own stop distance, in ATRs, or the scanner's. */
  stopAtr: fc.option(fc.double({ min: 0.2, max: 5, noNaN: true })),
  targets: fc.integer({ min: 1, max: 3 }),
  held: fc.array(
    fc.record({
      market: fc.nat(USDT_MARKETS.length - 1),
      notionalPct: fc.double({ min: 1, max: 120, noNaN: true }),
      stopPct: fc.double({ min: 0.5, max: 15, noNaN: true }),
      long: fc.boolean(),
    }),
    { maxLength: 4 },
  ),
});

describe('no plan risks more than a limit allows', () => {
  it('a sendable plan stays within risk per trade, heat, open positions and symbol share, and the gate agrees', async () => {
    const h = riskHarness([]);
    let sendable = 0;
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        h.risk.config.update(
          {
            riskPerTradePct: c.riskPerTradePct,
            minRiskPerTradePct: Math.min(0.25, c.riskPerTradePct),
            maxHeatPct: c.maxHeatPct,
            maxOpenPositions: c.maxOpenPositions,
            maxSymbolSharePct: c.maxSymbolSharePct,
            maxLeverage: 3,
            dailyLossPct: Math.max(2, c.riskPerTradePct),
          },
          'test',
        );
        const config = h.risk.config.current;
        const market = USDT_MARKETS[c.market] ?? USDT_MARKETS[0];
        if (market === undefined) throw new Error('no market');
        const close = PRICES[market.symbol] ?? 1;
        const atr = (close * c.atrPct) / 100;
        const dir = c.long ? 1 : -1;
        const positions: Exposure[] = c.held.map((p) => {
          const m = USDT_MARKETS[p.market] ?? market;
          const mark = PRICES[m.symbol] ?? 1;
          const qty = ((c.equity * p.notionalPct) / 100 / mark) * (p.long ? 1 : -1);
          return {
            symbol: m.symbol,
            qty,
            mark,
            stopPrice: mark * (1 - Math.sign(qty) * (p.stopPct / 100)),
          };
        });
        const book: BookSnapshot = {
          equity: c.equity,
          positions,
          workingEntries: [],
          lastLossAt: null,
        };
        const signal: ScannerSignal = {
          exchange: 'binance',
          symbol: market.symbol,
          timeframe: '1h',
          at: 0,
          tier: 'PRIME',
          tierSince: 0,
          tierSinceKnown: false,
          direction: c.long ? 'long' : 'short',
          score: 50 * dir,
          probability: c.probability,
          calibrated: true,
          evBps: 10,
          costBps: 12,
          confluence: 0,
          gates: [
            { gate: 'spread', pass: true, value: 2, limit: 15, unit: 'bps' },
            { gate: 'impact', pass: true, value: 1, limit: 7, unit: 'bps' },
          ],
          contributions: [],
          levels: {
            close,
            atr,
            atrMultiple: 1.5,
            stop: close - dir * 1.5 * atr,
            target: close + dir * 1.5 * atr,
          },
          reason: 'test',
        };
        const heat = portfolioHeat(book);
        const usage: RiskUsage = {
          equity: c.equity,
          startOfDayEquity: c.equity,
          dailyLossPct: 0,
          peakEquity: c.equity,
          drawdownPct: 0,
          heatPct: (heat / c.equity) * 100,
          openPositions: positions.length,
          dayStartKnown: true,
        };
        const mark = (symbol: string): number | null => PRICES[symbol] ?? null;
        const deps: PlanProposerDeps = {
          bookId: () => 'paper',
          markets: () => USDT_MARKETS,
          signals: () => [signal as SignalRow],
          explain: () => Promise.resolve(signal),
          book: () => book,
          usage: () => usage,
          evaluate: riskOrderEvaluator({
            guard: h.risk.guard,
            book: () => book,
            mark,
            rate: () => 1,
          }),
          mark,
          rate: () => 1,
          config: () => config,
          now: () => 0,
        };
        const stopPrice =
          c.stopAtr === null ? undefined : (close - dir * c.stopAtr * atr).toFixed(8);
        const targets = Array.from({ length: c.targets }, (_, i) =>
          (close + dir * (1 + i) * 1.5 * atr).toFixed(8),
        );
        let plan;
        try {
          plan = await proposePlan(
            deps,
            {
              symbol: market.symbol,
              entryType: 'market',
              targets,
              ...(stopPrice === undefined || Number(stopPrice) <= 0 ? {} : { stopPrice }),
            },
            'P1',
            'test',
          );
        } catch {
          return; // a stop beyond zero or the entry is refused before sizing, by name
        }
        const qty = Number(plan.qty);
        const entry = Number(plan.entry);
        const stop = Number(plan.stop);
        // Never more than the configured risk, costs included, sendable or not.
        expect(Number(plan.risk)).toBeLessThanOrEqual(
          (c.equity * config.riskPerTradePct) / 100 + 1e-6,
        );
        if (plan.refusal !== null) return;
        sendable += 1;
        const candidate = {
          symbol: plan.symbol,
          side: plan.side,
          qty,
          price: entry,
          stopPrice: stop,
          reduceOnly: false,
          source: 'autopilot' as const,
        };
        const after = {
          positions,
          workingEntries: [{ symbol: plan.symbol, qty: qty * dir, mark: entry, stopPrice: stop }],
        };
        expect(portfolioHeat(after)).toBeLessThanOrEqual(
          (c.equity * config.maxHeatPct) / 100 + 1e-6,
        );
        const ctx = {
          now: 0,
          mode: 'RUNNING' as const,
          config,
          equity: c.equity,
          startOfDayEquity: c.equity,
          peakEquity: c.equity,
          lastLossAt: null,
          ...after,
        };
        expect(openSymbols(ctx).size).toBeLessThanOrEqual(
          Math.max(config.maxOpenPositions, openSymbols({ ...ctx, workingEntries: [] }).size),
        );
        expect(symbolNotional(ctx, plan.symbol)).toBeLessThanOrEqual(
          (c.equity * config.maxSymbolSharePct) / 100 + 1e-6,
        );
        expect(checkOrder(candidate, { ...ctx, positions, workingEntries: [] }).ok).toBe(true);
      }),
      { numRuns: 300 },
    );
    // Not a property of refusals only: many cases are sent (and judged by the limits above).
    expect(sendable).toBeGreaterThan(40);
    expect(h.errors).toEqual([]);
  });
});
