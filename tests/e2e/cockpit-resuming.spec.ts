import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startLocalControl } from '../../src-main/host/local-control';
import { startLaptop, type Laptop } from '../support/laptop-engine';
import { collectConsoleErrors } from './console-guard';

// The cockpit across a laptop sleep. The host runs in this process (Engine + the local
// control channel, composed as `vigil serve` composes them) so the test drives its clocks: a
// live BTC/USDT feed from a local Binance server, and a sleep only the clock jump detector
// notices. The browser shows the built UI bundle from out/renderer.

const cleanups: Array<() => Promise<void> | void> = [];
test.afterEach(async () => {
  for (const stop of cleanups.splice(0).reverse()) await stop();
});

async function host(): Promise<{ laptop: Laptop; url: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-e2e-wake-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const laptop = await startLaptop(dataDir, cleanups);
  const control = await startLocalControl({
    engine: laptop.engine,
    dataDir,
    rendererDir: join(process.cwd(), 'out', 'renderer'),
    port: 0,
    onError: (e) => console.error(e),
  });
  cleanups.push(() => control.stop());
  return { laptop, url: control.server.url };
}

test('a wake shows RESUMING with what it waits for, refuses orders, then trades again', async ({
  page,
}) => {
  const errors = collectConsoleErrors(page);
  const { laptop, url } = await host();
  await laptop.openPosition();
  await page.goto(url);
  await expect(page.getByTestId('control-mode')).toHaveText('RUNNING');

  laptop.sleep(3 * 3_600_000);
  await laptop.awake(5_000);
  const banner = page.getByTestId('resuming-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('Woke after 3.0 h');
  await expect(page.getByTestId('control-mode')).toHaveText('RESUMING');
  await expect(page.getByTestId('wake-check-feeds')).toContainText('no update since the wake');
  await expect(page.getByTestId('wake-check-orders')).toHaveClass(/ok/);
  for (const [width, height] of [
    [1280, 800],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `test-results/screenshots/cockpit-resuming-${width}.png` });
  }

  // The exchange streams again: the feed is fresh and trading returns to RUNNING.
  await expect
    .poll(
      async () => {
        laptop.server.publish();
        await laptop.awake(1_000);
        return laptop.engine.risk.control.mode;
      },
      { timeout: 15_000 },
    )
    .toBe('RUNNING');
  await laptop.awake(1_000); // the next heartbeat carries the mode to the top bar
  await expect(page.getByTestId('control-mode')).toHaveText('RUNNING');
  await expect(banner).toBeHidden();
  expect(errors).toEqual([]);
});
