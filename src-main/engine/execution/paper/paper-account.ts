import { InvalidInputError, RefusedError } from '../../../../src-shared/contract/command-refusal';
import type { Clock } from '../../clock';
import { moneyOf, moneyText } from '../../ledger/money';
import type { VenueBalance, VenuePosition } from '../broker';
import type { PaperBalances } from './paper-balances';
import type { PaperVenueStore } from './paper-venue-store';

export interface PaperAccountReset {
  readonly oldCash: string;
  readonly newBalance: string;
  readonly cleared: Array<{ asset: string; amount: string }>;
}

/**
 * The paper venue's account: created once with its starting cash, its balances and positions
 * as the venue reports them, and a reset refused while anything is open.
 */
export class PaperAccount {
  constructor(
    private readonly store: PaperVenueStore,
    private readonly balancesBook: PaperBalances,
    private readonly clock: Clock,
    readonly quoteAsset: string,
  ) {}

  /** Creates the account when the data folder has none yet; an existing one is kept as is. */
  openOrCreate(startingBalance: string, marginTrading: boolean): void {
    if (this.store.s.account.get(this.store.accountId) !== undefined) return;
    const start = moneyOf(startingBalance, 'paper starting balance');
    this.store.db.transaction(() => {
      this.store.s.insertAccount.run(
        this.store.accountId,
        this.quoteAsset,
        moneyText(start),
        this.clock.now(),
      );
      this.store.s.resetAccount.run(moneyText(start), marginTrading ? 1 : 0, this.store.accountId);
      this.balancesBook.add(this.quoteAsset, start);
    })();
  }

  /** Whether the account is set up for margin and perpetual trading (shorting allowed). */
  get marginTrading(): boolean {
    const row = this.store.s.account.get(this.store.accountId) as { margin_trading: number };
    return row.margin_trading === 1;
  }

  balances(): VenueBalance[] {
    return this.balancesBook.all().map(({ asset, total }) => ({
      asset,
      total: moneyText(total),
      free: moneyText(this.balancesBook.free(asset)),
    }));
  }

  positions(): VenuePosition[] {
    const rows = this.store.s.positions.all(this.store.accountId) as Array<{
      symbol: string;
      qty: string;
    }>;
    return rows.filter((r) => r.qty !== '0').map((r) => ({ symbol: r.symbol, qty: r.qty }));
  }

  /**
   * Resets the account to a new starting balance. Refused while any order is open or any
   * position is not flat (the ledger could not follow). The caller audits it.
   */
  reset(
    startingBalance: string,
    actor: string,
    reason: string,
    marginTrading: boolean,
  ): PaperAccountReset {
    const balance = moneyOf(startingBalance, 'paper reset balance');
    if (balance <= 0n)
      throw new InvalidInputError('paper reset', [
        { path: 'startingBalance', message: 'must be positive' },
      ]);
    return this.store.db.transaction(() => {
      if (this.store.open().length > 0)
        throw new RefusedError('paper reset refused: cancel open orders first');
      if (this.positions().length > 0)
        throw new RefusedError('paper reset refused: close open positions first');
      const oldCash = moneyText(this.balancesBook.balance(this.quoteAsset));
      // Leftovers in other assets (PnL of BTC-quoted pairs kept in BTC) go with the reset.
      const cleared = this.balancesBook
        .all()
        .filter((b) => b.asset !== this.quoteAsset && b.total !== 0n)
        .map((b) => ({ asset: b.asset, amount: moneyText(-b.total) }));
      const newBalance = moneyText(balance);
      this.store.s.resetAccount.run(newBalance, marginTrading ? 1 : 0, this.store.accountId);
      this.store.s.clearBalances.run(this.store.accountId);
      this.balancesBook.add(this.quoteAsset, balance);
      this.store.s.insertReset.run(
        this.store.accountId,
        this.clock.now(),
        oldCash,
        newBalance,
        actor,
        reason,
      );
      return { oldCash, newBalance, cleared };
    })();
  }
}
