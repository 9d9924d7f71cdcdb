import type { WebSocketRoute } from '@playwright/test';
import { expect, freshHostTest as test } from './host-fixture';

// The ticket follows the selected market until the trader is in its symbol field. At page load
// the first market is selected when the symbol list arrives, which can be after the trader (or
// a test) has clicked into the field: that selection must not rewrite the field under the
// caret, or what they type lands after it ("BTC/USDTETH/USDT", refused as not a market).
// The symbol list's answer is held in the page's own WebSocket until the field has focus, so
// the order of the two is the same on every run.
test('a market selected after the trader clicked into the ticket does not rewrite its symbol', async ({
  page,
  freshHost: host,
}) => {
  const held: Array<() => void> = [];
  let holding = true;
  await page.routeWebSocket(/\/ws/, (ws: WebSocketRoute) => {
    const server = ws.connectToServer();
    const symbolRequests = new Set<number>();
    ws.onMessage((message) => {
      const frame = JSON.parse(String(message)) as { id: number; command: string };
      if (frame.command === 'listSymbols') symbolRequests.add(frame.id);
      server.send(message);
    });
    server.onMessage((message) => {
      const frame = JSON.parse(String(message)) as { type: string; id?: number };
      const isSymbols = frame.type === 'reply' && symbolRequests.has(frame.id ?? -1);
      if (isSymbols && holding) held.push(() => ws.send(message));
      else ws.send(message);
    });
  });
  await page.goto(host.url);
  await expect(page.getByTestId('connection')).toHaveText('connected');
  const field = page.getByTestId('ticket-symbol');
  await expect(field).toHaveValue('');
  await expect.poll(() => held.length).toBeGreaterThan(0);
  await field.click();
  holding = false;
  for (const release of held.splice(0)) release();
  // The list arrived and selected its first market (the chart follows it)...
  await expect(page.getByTestId('chart-symbol')).toContainText('BTC/USDT');
  // ...and the field the trader is in is still theirs.
  await expect(field).toHaveValue('');
  await page.keyboard.type('ETH/USDT');
  await expect(field).toHaveValue('ETH/USDT');
  await expect(page.getByTestId('ticket-market')).toContainText('tick ');
  // Put back as the selection has it and left, the field follows the selection again.
  await field.fill('BTC/USDT');
  await field.blur();
  await page.locator('[data-testid="signal-row"][data-symbol="ETH/USDT"]').first().click();
  await expect(page.getByTestId('chart-symbol')).toContainText('ETH/USDT');
  await expect(field).toHaveValue('ETH/USDT');
});
