import { spawn } from 'node:child_process';
import { loadCandleCsv } from '../../src-main/engine/market/csv-loader';
import { TRADE_ONLY_KEY } from '../support/binance-payloads';
import { sharedCandleFile } from '../support/candle-data';
import { shiftToNow } from '../support/local-exchange-server';
import { LocalBinanceServer } from '../support/local-binance-server';
import { collectConsoleErrors } from './console-guard';
import { expect, launchHost, test } from './host-fixture';
import { submitTicket } from './ticket';

// LIVE on a local Binance through `vigil serve` and real ccxt: a limit buy the gateway answers
// 503 while its matching engine holds it in a backlog; KILL from the keyboard; the kill records
// it as never placed when its grace ends; then the exchange takes it in. The cockpit says so (a
// toast), the kill reopens and cancels it, and its line in the panel is corrected. Then an order
// placed by hand on the exchange while HALTED: the panel names it, left as it is.

test.setTimeout(180_000);

const KEY = { apiKey: 'e2eLiveKey7Hq2Wm9Zx4Cv6Bn1', secret: 'e2eLiveSecret-Rt5Yu8Io3Pa6Sd9' };

/** The built CLI against the running host's data folder, with optional stdin. */
function vigil(
  dataDir: string,
  args: readonly string[],
  stdin?: string,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/vigil.mjs', ...args, '--data-dir', dataDir], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
    child.stdin.end(stdin ?? '');
  });
}

const shot = (name: string): { path: string } => ({
  path: `test-results/screenshots/${name}.png`,
});

test('LIVE: an order the exchange takes in after the kill recorded it as never placed is cancelled and said; one placed by hand while HALTED is named', async ({
  page,
}) => {
  const { candles } = await loadCandleCsv(sharedCandleFile('binance_BTC-USDT_1m.csv'));
  const exchange = new LocalBinanceServer(
    [
      {
        base: 'BTC',
        quote: 'USDT',
        candles: { '1m': shiftToNow(candles, 60_000, 600, Date.now()) },
      },
    ],
    () => Date.now(),
  );
  exchange.addApiKey({ ...KEY, restrictions: TRADE_ONLY_KEY });
  exchange.account.deposit('USDT', '10000');
  exchange.account.deposit('BTC', '0.01');
  await exchange.start();
  const streaming = setInterval(() => exchange.publish(), 1000);
  const host = await launchHost();
  try {
    const errors = collectConsoleErrors(page);
    const add = await vigil(host.dataDir, [
      'exchange',
      'add',
      'main',
      '--exchange',
      'binance',
      '--symbols',
      'BTC/USDT',
      '--timeframes',
      '1m',
      '--api-origin',
      exchange.url,
    ]);
    expect(add.err).toBe('');
    const key = await vigil(host.dataDir, ['keys', 'set', 'main', '--stdin'], JSON.stringify(KEY));
    expect(key.code).toBe(0);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(host.url);
    await expect(page.getByTestId('market-source')).toHaveText('LIVE', { timeout: 30_000 });
    await page.getByTestId('mode-live').click();
    await page.getByTestId('live-confirm').fill('LIVE main');
    await page.getByTestId('live-go').click();
    await expect(page.getByTestId('trading-mode')).toContainText('REAL MONEY', { timeout: 90_000 });

    const quote = exchange.quoteUnits('BTCUSDT');
    if (quote === undefined) throw new Error('the exchange has no BTC/USDT quote');
    const mid = Number((quote.bid + quote.ask) / 2n) / 1e8;
    let release: () => void = () => {};
    let taken: () => void = () => {};
    const takenIn = new Promise<void>((resolve) => (taken = resolve));
    exchange.fail(
      '/api/v3/order',
      { kind: 'backlog', status: 503, release: new Promise<void>((r) => (release = r)), taken },
      1,
      'POST',
    );
    await submitTicket(page, { symbol: 'BTC/USDT', qty: '0.01', price: (mid * 0.9).toFixed(2) });
    await expect(page.getByTestId('open-orders-count')).toHaveText('1', { timeout: 30_000 });

    await page.keyboard.press('Control+Shift+K');
    await expect(page.getByTestId('control-mode')).toHaveText('HALTED');
    await expect(page.getByTestId('kill-state')).toHaveText('Kill complete', { timeout: 60_000 });
    const line = page.getByTestId('kill-unknown-outcomes').locator('li');
    await expect(line).toContainText('recorded as never placed (EXPIRED)');

    // The exchange's matching engine takes it in now: it would rest there while HALTED.
    release();
    await takenIn;
    await expect(page.getByTestId('toast-rejection')).toContainText(
      'Order arrived late at binance: BTC/USDT',
      { timeout: 30_000 },
    );
    await expect(page.getByTestId('toast-rejection')).toContainText(
      'HALTED: the kill is cancelling it',
    );
    await expect(line).toContainText(
      'recorded as never placed, then it arrived at binance late; cancelled',
      {
        timeout: 30_000,
      },
    );
    await expect(page.getByTestId('kill-state')).toHaveText('Kill complete');
    await expect.poll(() => exchange.account.open().length, { timeout: 30_000 }).toBe(0);
    await page.screenshot(shot('late-order-cancelled-1280x800'));
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot(shot('late-order-cancelled-1920x1080'));
    await page.setViewportSize({ width: 1280, height: 800 });

    // A sell placed by hand on the exchange's website while HALTED: named, left as it is.
    exchange.account.place(
      {
        symbol: 'BTCUSDT',
        side: 'SELL',
        type: 'LIMIT',
        timeInForce: 'GTC',
        qty: '0.01',
        price: (mid * 1.2).toFixed(2),
        clientOrderId: 'web_manual_1',
      },
      quote,
    );
    await expect(page.getByTestId('kill-foreign-orders')).toContainText(
      'binance shows 1 open order Vigil did not place: web_manual_1 (sell 0.01 BTC/USDT)',
      { timeout: 30_000 },
    );
    expect(exchange.account.byClientId('BTCUSDT', 'web_manual_1')?.status).toBe('NEW');
    await page.screenshot(shot('late-order-foreign-1280x800'));
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot(shot('late-order-foreign-1920x1080'));
    expect(errors).toEqual([]);
  } finally {
    clearInterval(streaming);
    await host.stop();
    await exchange.stop();
  }
});
