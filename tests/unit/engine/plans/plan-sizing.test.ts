import { describe, expect, it } from 'vitest';
import { DEFAULT_PAPER_MARKETS } from '../../../../src-main/engine/execution/paper/paper-markets';
import type { MarketSpec } from '../../../../src-main/engine/execution/broker';
import { sizePlan, type PlanSizingInput } from '../../../../src-main/engine/plans/plan-sizing';
import { StreamingAtr } from '../../../../src-main/engine/scanner/indicators/atr';
import { defaultRiskConfig } from '../../../../src-shared/domain/risk-config';
import { loadCandles } from '../../../support/execution-fixture';

const config = defaultRiskConfig('UTC');

function market(symbol: string): MarketSpec {
  const spec = DEFAULT_PAPER_MARKETS.find((m) => m.symbol === symbol);
  if (spec === undefined) throw new Error(`no paper market ${symbol}`);
  return spec;
}

/**
 * The scanner's levels on real candles: ATR(14) at the 15th bar (the first it gives) and that
 * bar's close, with the scanner's default barrier of 1.5 ATR each side.
 */
function levels(file: string): { close: number; atr: number } {
  const candles = loadCandles(file).slice(0, 15);
  const atr = new StreamingAtr(14);
  let value: number | null = null;
  for (const c of candles) value = atr.update(c.high, c.low, c.close);
  const last = candles.at(-1);
  if (value === null || last === undefined) throw new Error(`${file}: no ATR`);
  return { close: last.close, atr: value };
}

function input(
  file: string,
  symbol: string,
  side: 'buy' | 'sell',
  probability: number,
  equityQuote: number,
): PlanSizingInput {
  const { close, atr } = levels(file);
  const dir = side === 'buy' ? 1 : -1;
  return {
    side,
    entryType: 'market',
    entry: close,
    stop: close - dir * 1.5 * atr,
    targets: [close + dir * 1.5 * atr],
    probability,
    calibrated: true,
    slippageBps: 3,
    market: market(symbol),
    equityQuote,
    config,
  };
}

// Hand-computed (fees 0.1% maker and taker, 3 bps slippage on each taker fill, risk 0.25-2%
// scaled by confidence, quarter Kelly): entry cost = E x (0.001 + 0.0003), stop cost =
// S x (0.001 + 0.0003), loss per unit = |E - S| + both, gain = |T - E| - entry cost - T x 0.001.
describe('plan sizing on real candles', () => {
  it('sizes a long on Binance BTC/USDT 1h (May 2018) so a stop-out loses 1.37% of equity, costs in', () => {
    // ATR 93.427857, close 9163 -> stop 9163 - 140.1418 = 9022.858 rounded down to 9022.85,
    // target 9303.14 (down: the target rounds towards the entry).
    expect(levels('binance_BTC-USDT_1h.csv').atr).toBeCloseTo(93.427857, 5);
    const plan = sizePlan(input('binance_BTC-USDT_1h.csv', 'BTC/USDT', 'buy', 0.82, 10_000));
    expect(plan).toMatchObject({ entry: '9163', stop: '9022.85' });
    expect(plan.legs).toEqual([{ price: '9303.14', qty: '0.83642' }]);
    // cost 9163 x 0.0013 + 9022.85 x 0.0013 = 23.641605; loss 140.15 + 23.641605 = 163.791605.
    expect(plan.costPerUnit).toBeCloseTo(23.641605, 6);
    expect(plan.lossPerUnit).toBeCloseTo(163.791605, 6);
    // P 0.82 -> 0.25 + 1.75 x 0.64 = 1.37%; Kelly: b = 118.92496 / 163.791605 = 0.72607,
    // 0.82 - 0.18 / 0.72607 = 0.57209 x 0.25 = 14.30% > 1.37%: confidence decides.
    expect(plan.confidenceRiskPct).toBeCloseTo(1.37, 10);
    expect(plan.kellyPct).toBeCloseTo(14.3023, 3);
    // 10000 x 1.37% / 163.791605 = 0.836429 -> step 0.00001 -> 0.83642.
    expect(plan.qty).toBe('0.83642');
    expect(plan.risk).toBeCloseTo(136.998574, 5);
    expect(plan.rewardRisk).toBeCloseTo(0.726075, 5);
    // EV = 0.82 x 0.83642 x 118.92496 - 0.18 x 136.998574 = 56.9067.
    expect(plan.ev).toBeCloseTo(56.90665, 4);
    expect(plan.refusal).toBeNull();
    expect(plan.refusalRule).toBeNull();
  });

  it('sizes an uncalibrated signal at the minimum risk, without Kelly and without an EV', () => {
    // The same long as above, its P 0.82 uncalibrated: it is no win chance, so no confidence
    // scaling (0.25%, the minimum), no Kelly cap and no EV claimed.
    const plan = sizePlan({
      ...input('binance_BTC-USDT_1h.csv', 'BTC/USDT', 'buy', 0.82, 10_000),
      calibrated: false,
    });
    expect(plan.confidenceRiskPct).toBe(0.25);
    expect(plan.riskPct).toBe(0.25);
    expect(plan.kellyPct).toBeNull();
    expect(plan.ev).toBeNull();
    // 10000 x 0.25% / 163.791605 = 0.152633 -> step 0.00001 -> 0.15263.
    expect(plan.qty).toBe('0.15263');
    expect(plan.refusal).toBeNull();
  });

  it('sizes a short on Binance ETH/USDT 1h with the stop above and the target below', () => {
    // ATR 12.872857, close 740.74 -> stop 760.049 rounded up to 760.05, target 721.43 up to 721.44.
    const plan = sizePlan(input('binance_ETH-USDT_1h.csv', 'ETH/USDT', 'sell', 0.84, 10_000));
    expect(plan).toMatchObject({ entry: '740.74', stop: '760.05' });
    expect(plan.legs).toEqual([{ price: '721.44', qty: '6.7729' }]);
    // loss 19.31 + 740.74 x 0.0013 + 760.05 x 0.0013 = 21.261027; P 0.84 -> 1.44%;
    // 10000 x 1.44% / 21.261027 = 6.772956 -> 6.7729.
    expect(plan.lossPerUnit).toBeCloseTo(21.261027, 6);
    expect(plan.riskPct).toBeCloseTo(1.44, 10);
    expect(plan.risk).toBeCloseTo(143.99881, 4);
    expect(plan.ev).toBeCloseTo(77.17948, 4);
  });

  it('counts fees in the quote of a BTC-quoted pair (ETH/BTC), sized on equity in BTC', () => {
    // Equity 1 BTC. Close 0.080749, ATR 0.00082929 -> stop 0.079505, target 0.081992.
    const plan = sizePlan(input('binance_ETH-BTC_1h.csv', 'ETH/BTC', 'buy', 0.82, 1));
    expect(plan).toMatchObject({ entry: '0.080749', stop: '0.079505' });
    // cost 0.080749 x 0.0013 + 0.079505 x 0.0013 = 0.00020833 BTC per ETH.
    expect(plan.costPerUnit).toBeCloseTo(0.0002083302, 10);
    // 1 x 1.37% / 0.0014523302 = 9.433117 -> step 0.001 -> 9.433.
    expect(plan.qty).toBe('9.433');
    expect(plan.risk).toBeCloseTo(0.01369983, 8);
  });

  it("rounds the quantity down to the market's step (ADA/USDT, step 0.1)", () => {
    // loss 0.00038 + 0.03212 x 0.0013 + 0.03174 x 0.0013 = 0.000463018;
    // 10000 x 1.37% / 0.000463018 = 295884.825 -> 295884.8 (never up: that would risk more).
    const plan = sizePlan(input('binance_ADA-USDT_1h.csv', 'ADA/USDT', 'buy', 0.82, 10_000));
    expect(plan.rawQty).toBeCloseTo(295884.825, 2);
    expect(plan.qty).toBe('295884.8');
    expect(plan.risk).toBeLessThanOrEqual(10_000 * 0.0137);
  });

  it('refuses a plan under the minimum notional, saying which limit and by how much', () => {
    // Equity 3 USDT: 3 x 1.37% / 163.791605 = 0.000250929 -> 0.00025 BTC = 2.29 USDT < 5.
    const plan = sizePlan(input('binance_BTC-USDT_1h.csv', 'BTC/USDT', 'buy', 0.82, 3));
    expect(plan.qty).toBe('0.00025');
    expect(plan.refusal).toBe(
      "the quantity 0.00025 at 9163 is below BTC/USDT's minimum notional 5",
    );
    expect(plan.refusalRule).toBe('below-min-notional');
  });

  it('splits the quantity across three targets on the step grid, the last taking the rest', () => {
    const base = input('binance_BTC-USDT_1h.csv', 'BTC/USDT', 'buy', 0.82, 10_000);
    const plan = sizePlan({ ...base, targets: [9250, 9303.14, 9400] });
    // 0.83642 / 3 = 0.278807 -> 0.27880 twice; the last gets 0.83642 - 0.5576 = 0.27882.
    expect(plan.legs.map((l) => l.qty)).toEqual(['0.2788', '0.2788', '0.27882']);
    const total = plan.legs.reduce((s, l) => s + Number(l.qty), 0);
    expect(total).toBeCloseTo(Number(plan.qty), 10);
  });

  it('refuses a stop on the winning side and targets that do not pay their costs', () => {
    const base = input('binance_BTC-USDT_1h.csv', 'BTC/USDT', 'buy', 0.82, 10_000);
    expect(() => sizePlan({ ...base, stop: 9200 })).toThrow(
      'stop 9200 is not on the losing side of the buy entry 9163',
    );
    // A target 5 USDT above the entry earns less than the 0.1% fees on both sides.
    const thin = sizePlan({ ...base, targets: [9168] });
    expect(thin.qty).toBe('0');
    expect(thin.refusal).toBe('the targets do not cover the trade costs: no edge, no size');
    expect(thin.refusalRule).toBe('no-edge');
  });
});
