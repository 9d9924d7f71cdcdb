import type { SubmitRequest, VenueOrder } from '../broker';
import { VenueRejectError } from '../broker-errors';

/** Sends both legs of a one-cancels-other pair as one exchange order list. */
export type PlaceOco = (
  stop: SubmitRequest,
  target: SubmitRequest,
) => Promise<{ readonly stop: VenueOrder; readonly target: VenueOrder }>;

interface Waiting {
  readonly request: SubmitRequest;
  readonly resolve: (order: VenueOrder) => void;
  readonly reject: (error: unknown) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * The executor sends a bracket's two exits one after the other, each with its own client id
 * and the same OCO group; an exchange with order lists wants them in one request. The first
 * leg waits here for its peer (they are written in one transaction and sent in the same tick),
 * then both go out as one list. Protection never waits on a peer that does not come (a crash
 * between the two sends): after `waitMs` the leg goes out alone. When the exchange refuses the
 * list as a whole (a target already through the market, say), each leg goes out alone, the
 * stop first: a position is never left without its stop because its target was refused.
 */
export class OcoPairing {
  private readonly waiting = new Map<string, Waiting>();

  constructor(
    private readonly placeOne: (request: SubmitRequest) => Promise<VenueOrder>,
    private readonly placeList: PlaceOco,
    private readonly waitMs: number,
  ) {}

  submit(request: SubmitRequest): Promise<VenueOrder> {
    const group = request.ocoGroup;
    if (group === null) return this.placeOne(request);
    const peer = this.waiting.get(group);
    if (peer === undefined || isStop(peer.request) === isStop(request)) {
      return new Promise<VenueOrder>((resolve, reject) => {
        const timer = setTimeout(() => {
          this.waiting.delete(group);
          this.placeOne(request).then(resolve, reject);
        }, this.waitMs);
        timer.unref();
        this.waiting.set(group, { request, resolve, reject, timer });
      });
    }
    this.waiting.delete(group);
    clearTimeout(peer.timer);
    const [stop, target] = isStop(request) ? [request, peer.request] : [peer.request, request];
    const both = this.placeList(stop, target).catch(async (error: unknown) => {
      if (!(error instanceof VenueRejectError)) throw error;
      const stopAlone = await this.placeOne(stop);
      const targetAlone = await this.placeOne(target);
      return { stop: stopAlone, target: targetAlone };
    });
    const legOf = (
      r: SubmitRequest,
      orders: { stop: VenueOrder; target: VenueOrder },
    ): VenueOrder => (r === stop ? orders.stop : orders.target);
    both.then(
      (orders) => peer.resolve(legOf(peer.request, orders)),
      (error: unknown) => peer.reject(error),
    );
    return both.then((orders) => legOf(request, orders));
  }

  /** Legs still waiting for a peer (sent alone when the engine stops: never dropped). */
  flush(): void {
    for (const [group, w] of this.waiting) {
      clearTimeout(w.timer);
      this.waiting.delete(group);
      this.placeOne(w.request).then(w.resolve, w.reject);
    }
  }
}

function isStop(request: SubmitRequest): boolean {
  return request.stopPrice !== null;
}
