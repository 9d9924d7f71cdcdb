import { expect, type Page } from '@playwright/test';

/** The plan panel's stop (as shown) and quantity (as a number). */
export interface PlanLevels {
  readonly stopText: string;
  readonly stop: number;
  readonly qty: number;
}

async function levels(page: Page): Promise<PlanLevels> {
  const stopText = (await page.getByTestId('plan-stop').textContent()) ?? '';
  const qtyText = (await page.getByTestId('plan-qty').textContent()) ?? '';
  return {
    stopText,
    stop: Number(stopText.replace(/,/g, '')),
    qty: Number(qtyText.replace(/,/g, '')),
  };
}

/**
 * Drags the plan's red stop line on the chart `fraction` of the way towards its entry line
 * (for a short, whose stop is above the entry, that is downwards), and waits for the engine's
 * re-plan around the new stop. Returns the plan's levels before and after.
 */
export async function dragPlanStopTowardsEntry(
  page: Page,
  fraction: number,
): Promise<{ before: PlanLevels; after: PlanLevels }> {
  const chart = page.getByTestId('price-chart');
  await expect(chart).toHaveAttribute('data-plan-stop-y', /^\d+$/);
  const before = await levels(page);
  const y = Number(await chart.getAttribute('data-plan-stop-y'));
  const entryY = Number(await chart.getAttribute('data-plan-entry-y'));
  expect(entryY).toBeGreaterThan(y);
  const box = await chart.boundingBox();
  if (box === null) throw new Error('no chart box');
  const x = box.x + box.width * 0.5;
  await page.mouse.move(x, box.y + y);
  await page.mouse.down();
  await page.mouse.move(x, box.y + y + (entryY - y) * fraction, { steps: 6 });
  await page.mouse.up();
  await expect(page.getByTestId('plan-stop')).not.toHaveText(before.stopText);
  await expect(page.getByTestId('plan-panel')).toHaveAttribute('data-state', 'ready');
  return { before, after: await levels(page) };
}
