import { afterEach, describe, expect, it } from 'vitest';
import { dispatchCommand } from '../../src-shared/contract/dispatch';
import type { Candle } from '../../src-shared/domain/candle';
import { Engine } from '../../src-main/engine/engine';
import { closeAction } from '../../src-main/engine/lifecycle/desktop-settings';
import {
  runQuitFlow,
  type QuitChoice,
  type QuitQuestion,
} from '../../src-main/engine/lifecycle/quit-flow';
import { loadCandles } from '../support/execution-fixture';
import { ManualClock } from '../support/manual-clock';
import { useTempDirs } from '../support/temp-dir';

// Quitting the desktop app with a book open, on the engine's own paper venue and real
// BTC/USDT 1h bars: what the trader is asked, and what each answer does.

const tempDir = useTempDirs();
const engines: Engine[] = [];
afterEach(() => {
  for (const e of engines.splice(0)) e.stop('test');
});
const bars = loadCandles('binance_BTC-USDT_1h.csv');

async function engineWithBook(): Promise<Engine> {
  const clock = new ManualClock((bars[200] as Candle).openTime);
  const engine = Engine.start({
    dataDir: tempDir(),
    version: 'test',
    host: 'test',
    clock,
    scheduler: new ManualClock(0),
    timeZone: 'UTC',
    // Between kill passes the venue gets the next bar (the flatten's market order fills).
    sleep: () => Promise.resolve(bar(202)),
    onError: (e) => {
      throw e;
    },
  });
  engines.push(engine);
  function bar(i: number): void {
    const b = bars[i] as Candle;
    clock.advance(Math.max(0, b.openTime + 3_600_000 - clock.now()));
    engine.execution.onBar('BTC/USDT', b, '1h');
  }
  bar(200);
  const close = (bars[200] as Candle).close;
  await dispatchCommand(
    engine.handlers,
    'placeOrder',
    {
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      qty: '0.05',
      bracket: { stopLoss: (close * 0.97).toFixed(2), takeProfit: (close * 1.05).toFixed(2) },
    },
    { origin: 'test' },
  );
  bar(201);
  await engine.execution.executor.idle();
  return engine;
}

function flow(engine: Engine, answer: QuitChoice, asked: QuitQuestion[]): Promise<boolean> {
  return runQuitFlow({
    status: () => engine.risk.status(),
    flattenOnKill: () => engine.risk.config.current.flattenOnKill,
    ask: (q) => {
      asked.push(q);
      return Promise.resolve(answer);
    },
    kill: () =>
      engine.risk.triggerKill({ actor: 'user:quit@electron', reason: 'quit', flatten: false }).done,
    audit: engine.audit,
    actor: 'user:quit@electron',
  });
}

describe('quitting with a book open', () => {
  it('asks, offering the kill first; cancel keeps the app and the book as they are', async () => {
    const engine = await engineWithBook();
    const asked: QuitQuestion[] = [];
    expect(await flow(engine, 'cancel', asked)).toBe(false);
    expect(asked[0]?.message).toBe('Quit with positions or orders open?');
    expect(asked[0]?.detail).toContain('1 open position(s) and 2 open order(s)');
    expect(asked[0]?.choices.map((c) => c.choice)).toEqual(['kill-then-quit', 'quit', 'cancel']);
    expect(engine.risk.control.mode).toBe('RUNNING');
  });

  it('kill first: every order cancelled, HALTED, then quit; audited', async () => {
    const engine = await engineWithBook();
    expect(await flow(engine, 'kill-then-quit', [])).toBe(true);
    expect(engine.risk.control.mode).toBe('HALTED');
    expect((await engine.risk.status()).openOrders).toBe(0);
    const kinds = (
      engine.store.db.prepare("SELECT kind FROM audit_log WHERE kind LIKE 'app.%'").all() as Array<{
        kind: string;
      }>
    ).map((r) => r.kind);
    expect(kinds).toEqual(['app.quit_asked', 'app.quit']);
  });

  it('a kill that fails keeps the app open', async () => {
    const engine = await engineWithBook();
    const quit = runQuitFlow({
      status: () => engine.risk.status(),
      flattenOnKill: () => false,
      ask: () => Promise.resolve('kill-then-quit'),
      kill: () => Promise.reject(new Error('venue unreachable')),
      audit: engine.audit,
      actor: 'user:quit@electron',
    });
    await expect(quit).rejects.toThrow('venue unreachable');
  });

  it('quits without a question when nothing is open', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 5));
    const engine = Engine.start({
      dataDir: tempDir(),
      version: 't',
      host: 'test',
      clock,
      scheduler: clock,
    });
    engines.push(engine);
    const asked: QuitQuestion[] = [];
    expect(await flow(engine, 'cancel', asked)).toBe(true);
    expect(asked).toEqual([]);
  });
});

describe('closing the window', () => {
  it('hides to the tray with a one-time notice, or quits when the trader turned that off', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 5));
    const dataDir = tempDir();
    let engine = Engine.start({ dataDir, version: 't', host: 'test', clock, scheduler: clock });
    engines.push(engine);
    const published: unknown[] = [];
    engine.events.subscribe((e) => {
      if (e.kind === 'desktopSettingsChanged') published.push(e.payload);
    });
    const store = engine.desktop;
    expect(closeAction(store.current)).toBe('hide-with-notice');
    store.update({ trayNoticeShown: true }, 'system:electron');
    expect(closeAction(store.current)).toBe('hide');
    // The cockpit's Settings (either host) turns it off through the contract.
    const set = await dispatchCommand(
      engine.handlers,
      'setDesktopSettings',
      { changes: { closeToTray: false } },
      { origin: 'websocket' },
    );
    expect(set).toEqual({ ok: true, output: { closeToTray: false, trayNoticeShown: true } });
    expect(closeAction(store.current)).toBe('quit');
    // The tray menu follows the event; the notice flag is the app's, not settable from outside.
    expect(published).toEqual([
      { closeToTray: true, trayNoticeShown: true },
      { closeToTray: false, trayNoticeShown: true },
    ]);
    const sneaky = await dispatchCommand(
      engine.handlers,
      'setDesktopSettings',
      { changes: { trayNoticeShown: false } },
      { origin: 'websocket' },
    );
    expect(sneaky).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const audited = engine.store.db
      .prepare("SELECT actor FROM audit_log WHERE kind = 'app.settings_changed' ORDER BY seq")
      .all();
    expect(audited).toEqual([{ actor: 'system:electron' }, { actor: 'user:websocket' }]);
    // Persisted: a restart reads the same choice.
    engine.stop('restart');
    engine = Engine.start({ dataDir, version: 't', host: 'test', clock, scheduler: clock });
    engines.push(engine);
    expect(engine.desktop.current).toEqual({ closeToTray: false, trayNoticeShown: true });
  });
});
