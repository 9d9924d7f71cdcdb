import type { Engine } from '../engine';

/**
 * Waits until everything a bar close set off has happened: the scanner has graded it, the
 * autopilot has decided on what it published, the stop manager has moved its stops and the
 * executor has sent (and the paper venue answered) every order. Only then may the next bars
 * close; that is what makes a backtest's orders the same on every run.
 */
export async function settleClose(engine: Engine): Promise<void> {
  await engine.pipeline?.drained();
  await engine.autopilot.idle();
  await engine.stops.idle();
  await engine.execution.executor.idle();
}
