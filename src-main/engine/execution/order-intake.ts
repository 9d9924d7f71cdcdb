import { InvalidInputError } from '../../../src-shared/contract/command-refusal';
import {
  OrderRequestSchema,
  type OrderRequestInput,
  type OrderView,
} from '../../../src-shared/domain/order';
import type { ExecutorCore } from './executor-core';
import type { GateDecision } from './order-gate';
import { toOrderView, type OrderRow } from './order-store';
import { validateOrderRequest } from './validate-order-request';

export type Intake = { existing: OrderView } | { row: OrderRow; decision: GateDecision };

/**
 * The start of every order: parsed and validated, a known request key answered with its
 * order, the gate asked, and the INTENT written (audited) whatever the gate said, so even a
 * refused order leaves its record.
 */
export function intakeOrder(core: ExecutorCore, input: OrderRequestInput, actor: string): Intake {
  const parsed = OrderRequestSchema.safeParse(input);
  if (!parsed.success) {
    throw new InvalidInputError(
      'order request',
      parsed.error.issues.map((i) => ({
        path: i.path.join('.') || '(input)',
        message: i.message,
      })),
    );
  }
  const request = validateOrderRequest(parsed.data);
  if (request.requestKey !== undefined) {
    const existing = core.orders.byRequestKey(core.bookId, request.requestKey);
    if (existing !== undefined) return { existing: toOrderView(existing) };
  }
  const decision = core.gate()(request, {
    bookId: core.bookId,
    actor,
    bracketRole: null,
    resumed: false,
  });
  const row = core.orders.insertIntent(core.bookId, core.broker.venue, request, {
    placedBy: actor,
    bracketRole: request.bracket === undefined ? null : 'entry',
    parentClientOrderId: null,
    ocoGroup: null,
  });
  core.probe('exec.intent.written');
  return { row, decision };
}
