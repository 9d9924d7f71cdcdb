import type { Page } from '@playwright/test';
import { expect, freshHostTest as test } from './host-fixture';
import { collectConsoleErrors } from './console-guard';

test.setTimeout(90_000);

const HOUR = 3_600_000;

async function open(page: Page, url: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(url);
  await expect(page.getByTestId('replay-position')).toBeVisible();
}

const pause = (page: Page) => page.getByRole('button', { name: 'Pause', exact: true });
const play = (page: Page) => page.getByRole('button', { name: 'Play', exact: true });
const slider = (page: Page) => page.getByTestId('replay-position');
const position = async (page: Page): Promise<number> => Number(await slider(page).inputValue());

test('replay controls in a second window follow the engine: paused, stepped, playing, speed, and the slider moves while it plays', async ({
  browser,
  freshHost: host,
}) => {
  const a = await browser.newPage();
  const b = await browser.newPage();
  const errors = [...collectConsoleErrors(a), ...collectConsoleErrors(b)];
  await open(a, host.url);
  await open(b, host.url);

  await pause(a).click();
  await expect(pause(b)).toHaveAttribute('aria-pressed', 'true');
  await expect(play(b)).toHaveAttribute('aria-pressed', 'false');
  const pausedAt = await position(a);
  expect(await position(b)).toBe(pausedAt);

  await a.getByRole('button', { name: 'Step one bar' }).click();
  await expect.poll(() => position(b)).toBeGreaterThan(pausedAt);
  await expect(pause(b)).toHaveAttribute('aria-pressed', 'true');

  // Played from the first window at max: the second one's slider follows the replay clock.
  await a.getByTestId('replay-speed').selectOption('max');
  await expect(play(b)).toHaveAttribute('aria-pressed', 'true');
  await expect(b.getByTestId('replay-speed')).toHaveValue('max');
  const playedFrom = await position(b);
  await expect.poll(() => position(b)).toBeGreaterThan(playedFrom + 24 * HOUR);

  // Paused from the second window: the first shows it, both sliders where the engine stopped.
  await pause(b).click();
  await expect(pause(a)).toHaveAttribute('aria-pressed', 'true');
  await expect(play(a)).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(async () => (await position(a)) === (await position(b))).toBe(true);
  expect(errors).toEqual([]);
});

test('quick arrow keys on the replay slider each move on from the last one, never from a stale position', async ({
  page,
  freshHost: host,
}) => {
  const errors = collectConsoleErrors(page);
  await open(page, host.url);
  await pause(page).click();
  await expect(pause(page)).toHaveAttribute('aria-pressed', 'true');
  const from = await position(page);
  await slider(page).focus();
  // Pressed in a burst: the seeks of the first presses are still on their way.
  for (let i = 0; i < 5; i += 1) await page.keyboard.press('ArrowRight');
  await expect.poll(() => position(page)).toBe(from + 5 * HOUR);
  // What the engine says agrees: a fresh window opens at the same place.
  const check = await page.context().newPage();
  await open(check, host.url);
  await expect.poll(() => position(check)).toBe(from + 5 * HOUR);
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowLeft');
  await expect.poll(() => position(check)).toBe(from + 2 * HOUR);
  await expect.poll(() => position(page)).toBe(from + 2 * HOUR);
  expect(errors).toEqual([]);
});
