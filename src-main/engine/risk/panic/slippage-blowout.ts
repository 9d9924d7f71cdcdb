import type { PanicAlarm } from './panic-types';

/**
 * A fill whose realized slippage exceeds slippageMultiple x the slippage we expected (with a
 * floor, so tiny expectations do not make every normal fill a panic).
 */
export function checkSlippage(
  fill: {
    readonly symbol: string;
    readonly side: 'buy' | 'sell';
    readonly referencePrice: number;
    readonly fillPrice: number;
    readonly expectedBps: number;
  },
  multiple: number,
  floorBps: number,
): PanicAlarm | null {
  const { referencePrice, fillPrice, expectedBps } = fill;
  if (!(referencePrice > 0) || !(fillPrice > 0) || !Number.isFinite(expectedBps))
    throw new Error(`checkSlippage: bad fill numbers for ${fill.symbol}`);
  const adverse = fill.side === 'buy' ? fillPrice - referencePrice : referencePrice - fillPrice;
  const realizedBps = (adverse / referencePrice) * 10_000;
  const allowed = Math.max(expectedBps, floorBps) * multiple;
  if (realizedBps <= allowed) return null;
  return {
    detector: 'slippage',
    reason: `${fill.symbol} ${fill.side} slipped ${realizedBps.toFixed(1)} bp, over ${multiple}x the expected ${expectedBps.toFixed(1)} bp`,
    numbers: { realizedBps, expectedBps, allowedBps: allowed },
  };
}
