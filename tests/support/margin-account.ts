import type { VigilClient } from '../../src-shared/contract/client';

/**
 * Resets the paper account to 10,000 USDT set up for margin: shorting on the paper venue needs
 * it (the bundled replay's graded shorts are its plans' and the autopilot's trades).
 */
export async function resetToMarginAccount(client: VigilClient, reason: string): Promise<void> {
  await client.call('resetPaperAccount', {
    startingBalance: '10000',
    confirm: 'RESET PAPER',
    reason,
    marginTrading: true,
  });
}
