import type { ScanStep } from './scanner-core';

/**
 * Which of a batch's steps the worker sends back (see ScannerRequest.reply). Order is kept:
 * steps come back in the order their candles were given.
 */
export function selectReplySteps(
  steps: readonly ScanStep[],
  reply: 'all' | 'published' | 'board',
): ScanStep[] {
  if (reply === 'all') return [...steps];
  const notable = (step: ScanStep): boolean => step.published || step.tierChange !== null;
  if (reply === 'published') return steps.filter(notable);
  const lastOfMarket = new Map<string, number>();
  steps.forEach((step, index) => {
    if (step.signal !== null)
      lastOfMarket.set(
        `${step.signal.exchange}|${step.signal.symbol}|${step.signal.timeframe}`,
        index,
      );
  });
  const keep = new Set(lastOfMarket.values());
  return steps.filter((step, index) => notable(step) || keep.has(index));
}
