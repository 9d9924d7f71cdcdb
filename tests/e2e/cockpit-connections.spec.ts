import { loadCandleCsv } from '../../src-main/engine/market/csv-loader';
import { TRADE_ONLY_KEY } from '../support/binance-payloads';
import { sharedCandleFile } from '../support/candle-data';
import { shiftToNow } from '../support/local-exchange-server';
import { LocalBinanceServer } from '../support/local-binance-server';
import { collectConsoleErrors } from './console-guard';
import { expect, launchHost, test } from './host-fixture';

// A trader connects an exchange from the cockpit and watches live prices: a local Binance on
// 127.0.0.1 (real June 2018 candles, played as if today, through real ccxt in `vigil serve`),
// the Connections drawer, the replay/live switch, the chart moving on live closes, and an API
// key set in the masked form, its status shown and its value never.

test.setTimeout(180_000);

const API_KEY = 'e2eKeyN7bV4cX1zL8kJ5hG2fD9sA6pO3iU0yT';
const SECRET = 'e2eSecret-Qw5Er8Ty2Ui7Op4As1Df6Gh9Jk3Lz0';
const WITHDRAW_KEY = 'e2eWithdrawKeyM4nB7vC0xZ3lK6jH9gF2dS5a';
const WITHDRAW_SECRET = 'e2eWithdrawSecret-Pq8Wr1Ts4Uv7Xy0Za3Bc6';

test('add a connection, switch to live prices, see the chart move, set a key and see its status', async ({
  page,
}) => {
  const { candles } = await loadCandleCsv(sharedCandleFile('binance_BTC-USDT_1m.csv'));
  // Candle 600 of 1000 is trading now: 10 hours of history behind, 6 hours of runway ahead.
  const live = shiftToNow(candles, 60_000, 600, Date.now());
  const exchange = new LocalBinanceServer(
    [{ base: 'BTC', quote: 'USDT', candles: { '1m': live } }],
    () => Date.now(),
  );
  exchange.addApiKey({ apiKey: API_KEY, secret: SECRET, restrictions: TRADE_ONLY_KEY });
  exchange.addApiKey({
    apiKey: WITHDRAW_KEY,
    secret: WITHDRAW_SECRET,
    restrictions: { enableWithdrawals: true },
  });
  await exchange.start();
  // The exchange streams once a second, as Binance's kline and ticker streams do.
  const streaming = setInterval(() => exchange.publish(), 1000);
  const host = await launchHost();
  try {
    const errors = collectConsoleErrors(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(host.url);
    await expect(page.getByTestId('market-source')).toHaveText('REPLAY');

    // Add the connection in the drawer; the engine checks it with the exchange first.
    await page.getByTestId('open-connections').click();
    const drawer = page.getByTestId('connections-drawer');
    await expect(drawer).toBeVisible();
    await drawer.getByTestId('conn-name').fill('main');
    await drawer.getByTestId('conn-symbols').fill('BTC/USDT, DOGE/XYZ');
    await drawer.getByTestId('conn-tf-1h').uncheck();
    await drawer.getByTestId('conn-origin').fill(exchange.url);
    await drawer.getByTestId('conn-add').click();
    await expect(drawer.getByTestId('conn-error')).toContainText(
      'binance does not list spot market DOGE/XYZ (delisted or renamed?); nothing saved',
    );
    await drawer.getByTestId('conn-symbols').fill('BTC/USDT');
    await drawer.getByTestId('conn-add').click();
    const card = drawer.getByTestId('connection-main');
    await expect(card).toBeVisible();
    // With its first connection the engine plays live prices; the trader can go back and forth.
    await expect(card.getByTestId('connection-state')).toHaveText('LIVE', { timeout: 30_000 });
    await drawer.getByTestId('source-replay').click();
    await expect(page.getByTestId('market-source')).toHaveText('REPLAY');
    await expect(card.getByTestId('connection-state')).toHaveText('not playing');
    await drawer.getByTestId('source-live').click();
    await expect(page.getByTestId('market-source')).toHaveText('LIVE');
    await expect(card.getByTestId('connection-state')).toHaveText('LIVE', { timeout: 30_000 });
    await expect(card).toContainText(/BTC\/USDT\s*[\d.]+\s*[\d.]+\s*4\.\d bp/);
    await page.screenshot({ path: 'test-results/screenshots/connections-1280x800.png' });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: 'test-results/screenshots/connections-1920x1080.png' });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.screenshot({ path: 'test-results/screenshots/connections-1280x720.png' });

    // The masked key form: the value goes to the engine, the page shows only the status.
    await card.getByTestId('key-toggle').click();
    await expect(card.getByTestId('key-api')).toHaveAttribute('type', 'password');
    await card.getByTestId('key-api').fill(API_KEY);
    await card.getByTestId('key-secret').fill(SECRET);
    await card.getByTestId('key-save').click();
    await expect(card.getByTestId('key-verdict')).toHaveText('passed: trade-only');
    await expect(card.getByTestId('key-hint')).toHaveText('…U0yT');
    await expect(card.getByTestId('key-api')).toHaveValue('');
    await expect(card.getByTestId('key-secret')).toHaveValue('');
    await page.screenshot({ path: 'test-results/screenshots/connections-key-1280x720.png' });
    // Replaced by a key that can withdraw: stored, but refused for live trading, in red.
    await card.getByTestId('key-api').fill(WITHDRAW_KEY);
    await card.getByTestId('key-secret').fill(WITHDRAW_SECRET);
    await card.getByTestId('key-save').click();
    await expect(card.getByTestId('key-verdict')).toHaveText('REFUSED for live trading');
    await expect(card.getByTestId('key-summary')).toContainText(
      'this key can withdraw funds (enableWithdrawals): refused for live trading',
    );
    await expect(card.getByTestId('key-summary')).toHaveClass(/tone-bad/);
    await page.screenshot({
      path: 'test-results/screenshots/connections-key-refused-1280x720.png',
    });
    const html = await page.content();
    for (const secret of [API_KEY, SECRET, WITHDRAW_KEY, WITHDRAW_SECRET]) {
      expect(html).not.toContain(secret);
    }
    await card.getByRole('button', { name: 'Delete key' }).click();
    await expect(card.getByTestId(`key-status-main`)).toHaveText(
      'No key (public prices need none)',
    );
    await page.keyboard.press('Escape');
    await expect(drawer).toHaveCount(0);

    // The chart shows the live series and grows at the next 1m close.
    await expect(page.getByTestId('chart-symbol')).toContainText('BTC/USDT');
    await expect(page.getByTestId('tf-1m')).toHaveAttribute('aria-pressed', 'true');
    const chart = page.getByTestId('price-chart');
    await expect(chart).not.toHaveAttribute('data-bars', '0', { timeout: 30_000 });
    const before = Number(await chart.getAttribute('data-last-open'));
    expect(before).toBeGreaterThan(Date.now() - 3 * 60_000);
    // A new bar closes within a minute (the feed fetches it 2 s after the close).
    await expect
      .poll(async () => Number(await chart.getAttribute('data-last-open')), { timeout: 75_000 })
      .toBe(before + 60_000);
    await expect(page.getByTestId('feed-status')).toContainText('LIVE');
    await page.screenshot({ path: 'test-results/screenshots/chart-live-1280x720.png' });
    expect(errors).toEqual([]);
  } finally {
    clearInterval(streaming);
    await host.stop();
    await exchange.stop();
  }
});
