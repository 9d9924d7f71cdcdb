import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../../../src-shared/contract/events';
import { BacktestService } from '../../../../src-main/engine/backtest/backtest-service';
import {
  BacktestCancelledError,
  type BacktestResult,
} from '../../../../src-main/engine/backtest/backtest-result';
import type { BacktestInWorkerOptions } from '../../../../src-main/engine/backtest/backtest-worker-client';
import { EventBus } from '../../../../src-main/engine/event-bus';

// The cockpit's backtest runs, with the run itself injected: a run that waits until this test
// lets it finish (or its signal aborts it), so one in flight can be met by a second.

function pending(): {
  run: (plan: unknown, options: BacktestInWorkerOptions) => Promise<BacktestResult>;
  finish: (result: BacktestResult) => void;
  options: () => BacktestInWorkerOptions;
} {
  let finish: (result: BacktestResult) => void = () => {};
  let seen: BacktestInWorkerOptions | undefined;
  return {
    run: (_plan, options) =>
      new Promise((resolve, reject) => {
        seen = options;
        finish = resolve;
        options.signal?.addEventListener('abort', () => reject(new BacktestCancelledError()));
      }),
    finish: (result) => finish(result),
    options: () => {
      if (seen === undefined) throw new Error('the run has not started');
      return seen;
    },
  };
}

const RESULT: BacktestResult = {
  metrics: {
    from: '2018-05-18',
    to: '2018-06-18',
    timeZone: 'UTC',
    currency: 'USDT',
    candles: 10,
    trades: 1,
    wins: 1,
    losses: 0,
    fills: 2,
    fees: '1.5',
    realizedPnl: '10',
    unrealizedPnl: '0',
    openPositions: [],
    startEquity: '10000',
    endEquity: '10008.5',
    maxDrawdown: null,
    maxDrawdownPct: null,
    sharpe: null,
    sortino: null,
    rejections: 0,
    plans: 1,
    skipped: [],
    halts: 0,
    kills: 0,
  },
  baseName: 'vigil-backtest-2018-05-18_2018-06-18',
  pdf: Buffer.from('%PDF-1.3'),
  lotsCsv: Buffer.from('lots'),
  fillsCsv: Buffer.from('fills'),
  metricsJson: Buffer.from('{}'),
};

describe('BacktestService', () => {
  it('runs one backtest at a time, streams its progress and keeps its files', async () => {
    const events: EventEnvelope[] = [];
    const bus = new EventBus((e) => {
      throw e;
    });
    bus.subscribe((e) => events.push(e));
    const run = pending();
    const service = new BacktestService({
      events: bus,
      bundledData: 'resources/data',
      calibrations: () => [],
      run: run.run,
    });
    const first = service.run('a', { autopilot: 'prime' });
    await expect(service.run('b', { autopilot: 'off' })).rejects.toThrow(
      'a backtest is already running (a); cancel it or wait for it',
    );
    expect(service.setup()).toEqual({ bundledData: 'resources/data', running: 'a' });
    run.options().onProgress?.({ stage: 'replaying', fraction: 0.5, at: 1, candles: 5 });
    expect(events.map((e) => e.payload)).toContainEqual({
      runId: 'a',
      stage: 'replaying',
      fraction: 0.5,
      at: 1,
      candles: 5,
    });
    run.finish(RESULT);
    const done = await first;
    expect(done.files.map((f) => f.fileName)).toEqual([
      'vigil-backtest-2018-05-18_2018-06-18.pdf',
      'vigil-backtest-2018-05-18_2018-06-18.csv',
      'vigil-backtest-2018-05-18_2018-06-18-fills.csv',
      'vigil-backtest-2018-05-18_2018-06-18.json',
    ]);
    expect(service.file('a', 'pdf').bytes.toString()).toBe('%PDF-1.3');
    expect(service.setup().running).toBeNull();
    expect(() => service.file('zz', 'pdf')).toThrow('no finished backtest zz');
  });

  it('cancels the run it is asked to, and only that one', async () => {
    const run = pending();
    const service = new BacktestService({
      events: new EventBus(() => {}),
      bundledData: 'resources/data',
      calibrations: () => [],
      run: run.run,
    });
    const running = service.run('a', { autopilot: 'prime' });
    expect(service.cancel('other')).toBe(false);
    expect(service.cancel('a')).toBe(true);
    await expect(running).rejects.toThrow('backtest cancelled');
    expect(service.setup().running).toBeNull();
  });

  it('refuses bad input before any run starts, naming the field', async () => {
    const run = pending();
    const service = new BacktestService({
      events: new EventBus(() => {}),
      bundledData: null,
      calibrations: () => [],
      run: run.run,
    });
    await expect(service.run('a', { autopilot: 'prime' })).rejects.toThrow(
      'backtest: data: a folder of candle files is required',
    );
    await expect(
      service.run('b', { autopilot: 'prime', data: 'resources/data', risk: { maxLeverage: 50 } }),
    ).rejects.toThrow(/risk\.maxLeverage: /);
    expect(service.setup().running).toBeNull();
  });
});
