import type {
  Broker,
  BrokerListener,
  MarketSpec,
  SubmitRequest,
  VenueBalance,
  VenueFill,
  VenueOrder,
  VenuePosition,
} from '../../src-main/engine/execution/broker';
import {
  BrokerNotSentError,
  BrokerUnknownOutcomeError,
  VenueRejectError,
} from '../../src-main/engine/execution/broker-errors';

export type SubmitFault = 'none' | 'lost-request' | 'lost-reply' | 'not-sent';

/**
 * Wraps a real broker and injects network faults into submit: the request lost before the
 * venue (unknown outcome, never arrived), the reply lost after the venue accepted it (unknown
 * outcome, did arrive), or a definite not-sent error. Each queued fault is used once.
 */
export class FaultyBroker implements Broker {
  readonly submitFaults: SubmitFault[] = [];
  submitCalls = 0;
  fetchFails = 0;
  /** Client ids of every submit call, in order (retries must repeat the same id). */
  readonly submitIds: string[] = [];
  /** Drops pushed updates, like a dead websocket: only queries reveal the venue's state. */
  dropEvents = false;
  /** The venue refuses submits this picks (an exchange reject with its code and message). */
  refuse: (request: SubmitRequest) => { code: number; msg: string } | null = () => null;

  constructor(private readonly inner: Broker) {}

  get venue(): string {
    return this.inner.venue;
  }
  get bookId(): Broker['bookId'] {
    return this.inner.bookId;
  }
  get maxClientOrderIdLength(): number {
    return this.inner.maxClientOrderIdLength;
  }
  markets(): readonly MarketSpec[] {
    return this.inner.markets();
  }

  async submit(request: SubmitRequest): Promise<VenueOrder> {
    this.submitCalls += 1;
    this.submitIds.push(request.clientOrderId);
    const refusal = this.refuse(request);
    if (refusal !== null) throw new VenueRejectError(this.venue, refusal.code, refusal.msg);
    const fault = this.submitFaults.shift() ?? 'none';
    if (fault === 'lost-request') throw new BrokerUnknownOutcomeError(this.venue, 'timeout');
    if (fault === 'not-sent') throw new BrokerNotSentError(this.venue, 'ECONNREFUSED');
    const ack = await this.inner.submit(request);
    if (fault === 'lost-reply') throw new BrokerUnknownOutcomeError(this.venue, 'socket hang up');
    return ack;
  }
  cancel(id: string, symbol: string): Promise<VenueOrder> {
    return this.inner.cancel(id, symbol);
  }
  cancelAll(symbol?: string): Promise<VenueOrder[]> {
    return this.inner.cancelAll(symbol);
  }
  openOrders(symbol?: string): Promise<VenueOrder[]> {
    return this.inner.openOrders(symbol);
  }
  async fetchOrder(id: string, symbol: string): Promise<VenueOrder | null> {
    if (this.fetchFails > 0) {
      this.fetchFails -= 1;
      throw new BrokerUnknownOutcomeError(this.venue, 'timeout');
    }
    return this.inner.fetchOrder(id, symbol);
  }
  fetchFills(id: string, symbol: string): Promise<VenueFill[]> {
    return this.inner.fetchFills(id, symbol);
  }
  positions(): Promise<VenuePosition[]> {
    return this.inner.positions();
  }
  balances(): Promise<VenueBalance[]> {
    return this.inner.balances();
  }
  subscribe(listener: BrokerListener): () => void {
    return this.inner.subscribe((event) => {
      if (!this.dropEvents) listener(event);
    });
  }
}
