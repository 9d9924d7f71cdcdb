import type { Database, Statement } from 'better-sqlite3';
import type { OrderTerms } from '../broker';

export interface LiveOrderRow {
  readonly venue: string;
  readonly client_order_id: string;
  readonly symbol: string;
  readonly venue_order_id: string | null;
  readonly order_list_id: string | null;
  readonly oco_group: string | null;
  readonly terms: string;
  readonly sent_at: number;
}

/**
 * The live broker's record of every order it sends, per venue: written before the request
 * leaves, so the symbol an exchange needs to find the order, our terms and the OCO group
 * survive a crash mid-send; the exchange's order id is added when it is known.
 */
export class LiveOrderLog {
  private readonly s: Record<'insert' | 'get' | 'byVenueId' | 'setVenueId' | 'all', Statement>;

  constructor(
    db: Database,
    private readonly venue: string,
  ) {
    this.s = {
      insert: db.prepare(
        `INSERT OR IGNORE INTO live_orders (venue, client_order_id, symbol, oco_group, terms, sent_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      get: db.prepare('SELECT * FROM live_orders WHERE venue = ? AND client_order_id = ?'),
      byVenueId: db.prepare('SELECT * FROM live_orders WHERE venue = ? AND venue_order_id = ?'),
      setVenueId: db.prepare(
        `UPDATE live_orders SET venue_order_id = COALESCE(venue_order_id, ?), order_list_id = COALESCE(?, order_list_id)
         WHERE venue = ? AND client_order_id = ?`,
      ),
      all: db.prepare('SELECT * FROM live_orders WHERE venue = ?'),
    };
  }

  record(terms: OrderTerms, ocoGroup: string | null, at: number): void {
    this.s.insert.run(
      this.venue,
      terms.clientOrderId,
      terms.symbol,
      ocoGroup,
      JSON.stringify(terms),
      at,
    );
  }

  get(clientOrderId: string): LiveOrderRow | undefined {
    return this.s.get.get(this.venue, clientOrderId) as LiveOrderRow | undefined;
  }

  byVenueOrderId(venueOrderId: string): LiveOrderRow | undefined {
    return this.s.byVenueId.get(this.venue, venueOrderId) as LiveOrderRow | undefined;
  }

  /** The exchange's id for one of ours (first answer wins: it never changes). */
  identify(clientOrderId: string, venueOrderId: string, orderListId: string | null): void {
    this.s.setVenueId.run(venueOrderId, orderListId, this.venue, clientOrderId);
  }

  termsOf(clientOrderId: string): OrderTerms | null {
    const row = this.get(clientOrderId);
    return row === undefined ? null : (JSON.parse(row.terms) as OrderTerms);
  }
}
