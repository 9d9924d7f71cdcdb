import type { Locator, Page } from '@playwright/test';
import { collectConsoleErrors } from './console-guard';
import { expect, freshHostTest as test } from './host-fixture';
import { submitTicket } from './ticket';

test.setTimeout(180_000);

/** Something that opens over (or beside) the cockpit, and how a trader opens and leaves it. */
interface Cover {
  readonly name: string;
  readonly open: (page: Page) => Promise<void>;
  readonly shown: (page: Page) => Locator;
  readonly close: (page: Page) => Promise<void>;
}

const escape = async (page: Page): Promise<void> => {
  // Focus back on the page body first: Esc from a field belongs to the field.
  await page.locator('body').focus();
  await page.keyboard.press('Escape');
};

const COVERS: readonly Cover[] = [
  {
    name: 'settings-drawer',
    open: (page) => page.getByTestId('open-settings').click(),
    shown: (page) => page.getByTestId('settings-drawer'),
    close: escape,
  },
  {
    name: 'connections-drawer',
    open: (page) => page.getByTestId('open-connections').click(),
    shown: (page) => page.getByTestId('connections-drawer'),
    close: escape,
  },
  {
    name: 'journal-drawer',
    open: (page) => page.getByTestId('open-journal').click(),
    shown: (page) => page.getByTestId('journal-drawer'),
    close: escape,
  },
  {
    name: 'backtest-drawer',
    open: (page) => page.getByTestId('open-backtest').click(),
    shown: (page) => page.getByTestId('backtest-drawer'),
    close: escape,
  },
  {
    name: 'help-overlay',
    open: async (page) => {
      await page.locator('body').focus();
      await page.keyboard.press('?');
    },
    shown: (page) => page.getByTestId('help-overlay'),
    close: escape,
  },
  {
    name: 'symbol-search',
    open: async (page) => {
      await page.locator('body').focus();
      await page.keyboard.press('/');
    },
    shown: (page) => page.getByTestId('symbol-search'),
    close: escape,
  },
  {
    name: 'plan-panel',
    open: async (page) => {
      await page
        .locator('[data-testid="signal-row"][data-symbol="ETH/USDT"][data-timeframe="4h"]')
        .click();
      await page.keyboard.press('p');
    },
    shown: (page) => page.getByTestId('plan-panel'),
    close: escape,
  },
  {
    name: 'live-confirmation',
    open: (page) => page.getByTestId('mode-live').click(),
    shown: (page) => page.getByTestId('live-arm-form'),
    // A second press on LIVE folds the confirmation away.
    close: (page) => page.getByTestId('mode-live').click(),
  },
];

async function rearm(page: Page): Promise<void> {
  await expect(page.getByTestId('kill-state')).toHaveText('Kill complete');
  await page.getByTestId('rearm-input').fill('REARM');
  await page.getByTestId('rearm-button').click();
  await expect(page.getByTestId('control-mode')).toHaveText('RUNNING');
}

/**
 * Nothing from the cockpit underneath rises into an open drawer: every field and button in it
 * would get a click (a trial click runs Playwright's hit check without pressing).
 */
async function everyControlTakesClicks(drawer: Locator): Promise<void> {
  for (const control of await drawer.locator('input, select, button').all()) {
    // Disabled ones take no click by design (a channel without its secret).
    if ((await control.isVisible()) && (await control.isEnabled()))
      await control.click({ trial: true });
  }
}

/** The centre of a box: where a click on it lands. */
function centre(box: { x: number; y: number; width: number; height: number }): {
  x: number;
  y: number;
} {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** True when a click at the toast's centre would reach the toast, not what covers it. */
async function toastOnTop(toast: Locator): Promise<boolean> {
  const box = await toast.boundingBox();
  if (box === null) throw new Error('the toast has no box');
  const { x, y } = centre(box);
  return toast.evaluate(
    (el, at) => {
      const hit = el.ownerDocument.elementFromPoint(at.x, at.y);
      return hit !== null && el.contains(hit);
    },
    { x, y },
  );
}

for (const size of [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
]) {
  const tag = `${size.width}x${size.height}`;
  test(`KILL takes a real click and the kill chord over every drawer, overlay, plan, confirmation and toast at ${tag}`, async ({
    page,
    freshHost,
  }) => {
    const errors = collectConsoleErrors(page);
    await page.setViewportSize(size);
    await page.goto(freshHost.url);
    await expect(page.getByTestId('control-mode')).toHaveText('RUNNING');
    const kill = page.getByTestId('kill-button');

    for (const cover of COVERS) {
      // A real click: Playwright refuses it when anything else would receive it (no force).
      await cover.open(page);
      await expect(cover.shown(page)).toBeVisible();
      if (cover.name.endsWith('-drawer')) await everyControlTakesClicks(cover.shown(page));
      await kill.click();
      await expect(page.getByTestId('control-mode')).toHaveText('HALTED');
      // The click went to KILL, past the cover, which is still open and still says its piece.
      await expect(cover.shown(page)).toBeVisible();
      await expect(page.getByTestId('halted-banner')).toBeVisible();
      await page.screenshot({
        path: `test-results/screenshots/kill-over-${cover.name}-${tag}.png`,
      });
      await cover.close(page);
      await expect(cover.shown(page)).toHaveCount(0);
      await rearm(page);

      // The chord, from inside the cover (its first field when it has one).
      await cover.open(page);
      await expect(cover.shown(page)).toBeVisible();
      const field = cover.shown(page).locator('input:not([type=checkbox])').first();
      if ((await field.count()) > 0 && (await field.isEditable())) await field.focus();
      await page.keyboard.press('Control+Shift+K');
      await expect(page.getByTestId('control-mode')).toHaveText('HALTED');
      await cover.close(page);
      await expect(cover.shown(page)).toHaveCount(0);
      await rearm(page);
    }

    // Toasts: a HALTED toast and a refusal toast on screen, KILL still takes a real click.
    await kill.click();
    await expect(page.getByTestId('control-mode')).toHaveText('HALTED');
    await submitTicket(page, { symbol: 'ETH/USDT', qty: '0.1', price: '300' });
    const halt = page.getByTestId('toast-halt');
    await expect(halt).toBeVisible();
    await expect(page.getByTestId('toast-rejection')).toBeVisible();
    await kill.click();
    await expect(page.getByTestId('kill-state')).toHaveText('Kill complete');
    expect(await toastOnTop(halt)).toBe(true);
    await page.screenshot({ path: `test-results/screenshots/kill-over-toasts-${tag}.png` });

    // A drawer opened over a toast is on top: the toast never covers the drawer's forms.
    for (const drawer of ['journal-drawer', 'settings-drawer', 'connections-drawer']) {
      const cover = COVERS.find((c) => c.name === drawer);
      if (cover === undefined) throw new Error(`no cover named ${drawer}`);
      await cover.open(page);
      await expect(cover.shown(page)).toBeVisible();
      expect(await toastOnTop(halt), `the HALTED toast is above the ${drawer}`).toBe(false);
      await page.screenshot({ path: `test-results/screenshots/toast-under-${drawer}-${tag}.png` });
      await kill.click();
      await expect(page.getByTestId('control-mode')).toHaveText('HALTED');
      await cover.close(page);
    }
    await rearm(page);
    expect(errors).toEqual([]);
  });
}
