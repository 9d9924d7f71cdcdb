import type { BookValuation } from '../../src-shared/contract/execution';
import type { RiskUsage } from '../../src-shared/contract/risk';
import type { BookId } from '../../src-shared/domain/order';
import type { LedgerReadModel } from './ledger/ledger-read-model';
import { valueBook as valueLedgerBook } from './ledger/book-value';
import { moneyText, qtyOf } from './ledger/money';

export interface BookValuationDeps {
  readonly ledger: LedgerReadModel;
  /** The book shown: the active one (PAPER's, SHADOW's or the LIVE venue's), asked each time. */
  readonly bookId: () => BookId;
  /** Market time (virtual in replay): when the valuation is taken. */
  readonly now: () => number;
  /** Limit usage valued at the same marks; throws when an exposure has no mark. */
  readonly usage: () => RiskUsage;
}

/**
 * The book at its latest marks, from the ledger's exact figures: equity = cash + sum(qty x
 * mark), with cash and positions in other currencies through their rate (ledger/book-value). The positions listed are the ones
 * summed, so a table and a total built from one valuation agree to the last digit.
 */
export function valueBook(deps: BookValuationDeps): BookValuation {
  const bookId = deps.bookId();
  const book = deps.ledger.book(bookId);
  if (book === null) throw new Error(`valuation: no ledger book '${bookId}'`);
  const positions = deps.ledger
    .positions(bookId)
    .filter((p) => qtyOf(p.qty, `${p.symbol} qty`) !== 0n);
  // One valuation rule with the ledger's equity samples: cash held and pairs quoted in other
  // currencies (ETH/BTC) count through their rate at the current marks.
  const value = valueLedgerBook(book, positions, deps.ledger.foreignCash(bookId), () =>
    deps.ledger.marks(bookId),
  );
  if (value === null)
    throw new Error(
      `valuation: the ${bookId} book holds a currency no market links to ${book.quoteAsset} yet; its equity cannot be valued`,
    );
  let usage: RiskUsage | null = null;
  let usageError: string | null = null;
  try {
    usage = deps.usage();
  } catch (error) {
    usageError = error instanceof Error ? error.message : String(error);
  }
  return {
    bookId,
    at: deps.now(),
    quoteAsset: book.quoteAsset,
    cash: book.cash,
    equity: moneyText(value.equity),
    unrealizedPnl: moneyText(value.unrealized),
    realizedPnl: moneyText(value.realized),
    fees: moneyText(value.fees),
    positions,
    usage,
    usageError,
  };
}

export interface BookMarkPublisherDeps extends BookValuationDeps {
  /** Null: nobody is shown valuations (see EngineOptions.bookValuations); only current() values. */
  readonly publish: ((valuation: BookValuation) => void) | null;
  /** Runs `flush` after the current synchronous stretch (queueMicrotask in the engine). */
  readonly schedule: (flush: () => void) => void;
  readonly onError: (error: unknown) => void;
}

/**
 * Publishes the book's valuation after anything that can move it: a mark-to-market, a fill,
 * an order change (working entries count in the heat). Every change in one synchronous stretch
 * (a replay tick marks many bars) becomes one valuation of the final state, and a valuation
 * identical to the last one published (flat book, bar of an unheld symbol) is not sent again.
 */
export class BookMarkPublisher {
  private scheduled = false;
  private stopped = false;
  private lastKey: string | null = null;

  constructor(private readonly deps: BookMarkPublisherDeps) {}

  /** Something that can move the valuation happened. */
  changed(): void {
    if (this.scheduled || this.deps.publish === null) return;
    this.scheduled = true;
    this.deps.schedule(() => this.flush());
  }

  /**
   * The engine is stopping, before its store closes: a flush still scheduled would read the
   * ledger of a closed database, for windows that are going away. Nothing is published after.
   */
  stop(): void {
    this.stopped = true;
  }

  /** The valuation now, for a window that connects. */
  current(): BookValuation {
    return valueBook(this.deps);
  }

  private flush(): void {
    this.scheduled = false;
    const publish = this.deps.publish;
    if (this.stopped || publish === null) return;
    try {
      const valuation = valueBook(this.deps);
      const { at: _at, ...rest } = valuation;
      const key = JSON.stringify(rest);
      if (key === this.lastKey) return;
      this.lastKey = key;
      publish(valuation);
    } catch (error) {
      this.deps.onError(error);
    }
  }
}
