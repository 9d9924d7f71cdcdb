import type { Page } from '@playwright/test';

export interface TicketOrder {
  readonly symbol: string;
  readonly qty: string;
  /** A limit price; without one the order is a market order. */
  readonly price?: string;
  readonly stopLoss?: string;
  readonly takeProfit?: string;
}

/** Fills the order ticket as a trader would and presses its submit button. */
export async function submitTicket(page: Page, order: TicketOrder): Promise<void> {
  await page.getByTestId('ticket-symbol').fill(order.symbol);
  await page
    .getByTestId('ticket-type')
    .selectOption(order.price === undefined ? 'market' : 'limit');
  await page.getByTestId('ticket-qty').fill(order.qty);
  if (order.price !== undefined) await page.getByTestId('ticket-price').fill(order.price);
  await page.getByTestId('ticket-stop-loss').fill(order.stopLoss ?? '');
  await page.getByTestId('ticket-take-profit').fill(order.takeProfit ?? '');
  await page.getByTestId('ticket-submit').click();
}
