import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { launchHost } from './host-fixture';
import { mountTmpfs, skipReason, type Tmpfs } from '../support/tmpfs';

// `vigil serve` with its data folder on a tmpfs this spec fills up: the kill still latches
// (the latch file), and the cockpit says at a glance what is not on disk; the banner clears
// itself once the disk has room and the engine's retries land.

/** Writes until ENOSPC; returns the filler to delete. */
function fillUp(dir: string): string {
  const path = join(dir, `filler-${Date.now()}`);
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  for (const size of [chunk.length, 512]) {
    try {
      for (;;) writeSync(fd, chunk, 0, size);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
    }
  }
  closeSync(fd);
  return path;
}

// Mounted in the worker that runs the tests (Playwright also loads this file in its runner
// process to list the tests, where nothing must be mounted).
let mount: Tmpfs | { readonly skip: string } = { skip: 'not mounted yet' };
let skip: string | null = null;
test.beforeAll(() => {
  mount = mountTmpfs(64 * 1024 * 1024);
  skip = skipReason(mount);
});
test.afterAll(() => {
  if (skip === null) (mount as Tmpfs).unmount();
});

test('a full disk: KILL still halts, and a banner says what is not on disk', async ({ page }) => {
  test.skip(skip !== null, `cannot run without a tmpfs: ${skip ?? ''}`);
  const fs = mount as Tmpfs;
  const host = await launchHost({ dataDir: join(fs.dir, 'vigil') });
  try {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(host.url);
    await expect(page.getByTestId('control-mode')).toHaveText('RUNNING');
    // Quiet engine: the replay paused, so the kill's records are the next writes.
    const pause = page.getByRole('button', { name: 'Pause', exact: true });
    await expect(pause).toBeEnabled({ timeout: 30_000 });
    await pause.click();
    await expect(pause).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('durability-banner')).toHaveCount(0);

    const filler = fillUp(fs.dir);
    await page.getByTestId('kill-button').click();
    await expect(page.getByTestId('control-mode')).toHaveText('HALTED');
    const banner = page.getByTestId('durability-banner');
    await expect(banner).toBeVisible();
    await expect(banner).toHaveAttribute('data-durable', 'true');
    await expect(banner).toContainText('DISK PROBLEM');
    await expect(banner).toContainText('no space left on the device');
    await page.screenshot({ path: 'test-results/screenshots/durability-1280x720.png' });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: 'test-results/screenshots/durability-1920x1080.png' });

    // Room again: the engine's retries write the records and the banner goes.
    rmSync(filler);
    await expect(banner).toHaveCount(0, { timeout: 15_000 });
    await expect(page.getByTestId('control-mode')).toHaveText('HALTED');
  } finally {
    await host.stop();
  }
});

test('neither the latch file nor the database: the banner says HALTED is in memory only', async ({
  page,
}) => {
  test.skip(skip !== null, `cannot run without a tmpfs: ${skip ?? ''}`);
  const fs = mount as Tmpfs;
  const dataDir = join(fs.dir, 'vigil-no-latch');
  // Something else sits where the kill latch file belongs: it cannot be opened.
  mkdirSync(join(dataDir, 'kill-latch'), { recursive: true, mode: 0o700 });
  const host = await launchHost({ dataDir });
  try {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(host.url);
    await expect(page.getByTestId('control-mode')).toHaveText('RUNNING');
    const banner = page.getByTestId('durability-banner');
    // Said from the start: a kill would only be recorded in the database.
    await expect(banner).toContainText('kill latch file not written');
    const pause = page.getByRole('button', { name: 'Pause', exact: true });
    await expect(pause).toBeEnabled({ timeout: 30_000 });
    await pause.click();
    await expect(pause).toHaveAttribute('aria-pressed', 'true');
    const filler = fillUp(fs.dir);
    await page.getByTestId('kill-button').click();
    await expect(page.getByTestId('control-mode')).toHaveText('HALTED');
    await expect(banner).toHaveAttribute('data-durable', 'false');
    await expect(banner).toContainText('HALTED IN MEMORY ONLY');
    await page.screenshot({ path: 'test-results/screenshots/durability-memory-only-1280x800.png' });
    rmSync(filler);
    // The database takes the records again: HALTED is on disk, the latch file still missing.
    await expect(banner).toHaveAttribute('data-durable', 'true', { timeout: 15_000 });
  } finally {
    await host.stop();
  }
});
