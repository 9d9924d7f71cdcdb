import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderStateSchema, type OrderState } from '../../../../src-shared/domain/order';
import {
  IllegalTransitionError,
  LEGAL_TRANSITIONS,
  isFinalState,
  isLegalTransition,
  transition,
} from '../../../../src-main/engine/execution/order-state';

const STATES = OrderStateSchema.options;

/** The edges of the state machine, written out once more by hand as the reference. */
const EXPECTED: ReadonlyArray<[OrderState, OrderState]> = [
  ['INTENT', 'SUBMITTED'],
  ['INTENT', 'REJECTED'],
  ['INTENT', 'CANCELED'],
  ['SUBMITTED', 'OPEN'],
  ['SUBMITTED', 'PARTIALLY_FILLED'],
  ['SUBMITTED', 'FILLED'],
  ['SUBMITTED', 'CANCEL_PENDING'],
  ['SUBMITTED', 'CANCELED'],
  ['SUBMITTED', 'REJECTED'],
  ['SUBMITTED', 'EXPIRED'],
  ['OPEN', 'PARTIALLY_FILLED'],
  ['OPEN', 'FILLED'],
  ['OPEN', 'CANCEL_PENDING'],
  ['OPEN', 'CANCELED'],
  ['OPEN', 'EXPIRED'],
  ['PARTIALLY_FILLED', 'PARTIALLY_FILLED'],
  ['PARTIALLY_FILLED', 'FILLED'],
  ['PARTIALLY_FILLED', 'CANCEL_PENDING'],
  ['PARTIALLY_FILLED', 'CANCELED'],
  ['PARTIALLY_FILLED', 'EXPIRED'],
  ['CANCEL_PENDING', 'CANCEL_PENDING'],
  ['CANCEL_PENDING', 'OPEN'],
  ['CANCEL_PENDING', 'PARTIALLY_FILLED'],
  ['CANCEL_PENDING', 'FILLED'],
  ['CANCEL_PENDING', 'CANCELED'],
  ['CANCEL_PENDING', 'REJECTED'],
  ['CANCEL_PENDING', 'EXPIRED'],
];

describe('order state machine', () => {
  it('has exactly the documented edges', () => {
    const actual = STATES.flatMap((from) =>
      LEGAL_TRANSITIONS[from].map((to) => [from, to] as [OrderState, OrderState]),
    );
    expect(new Set(actual.map((e) => e.join('>')))).toEqual(
      new Set(EXPECTED.map((e) => e.join('>'))),
    );
  });

  // Exhaustive: all 81 (from, to) pairs.
  for (const from of STATES) {
    for (const to of STATES) {
      const legal = EXPECTED.some(([a, b]) => a === from && b === to);
      it(`${from} -> ${to} is ${legal ? 'legal' : 'illegal and throws'}`, () => {
        expect(isLegalTransition(from, to)).toBe(legal);
        if (legal) expect(transition('vgptest00000001', from, to)).toBe(to);
        else {
          expect(() => transition('vgptest00000001', from, to)).toThrow(IllegalTransitionError);
          expect(() => transition('vgptest00000001', from, to)).toThrow(
            `illegal state transition ${from} -> ${to}`,
          );
        }
      });
    }
  }

  it('final states have no way out, and every other state can reach a final one', () => {
    for (const s of STATES) {
      if (isFinalState(s)) expect(LEGAL_TRANSITIONS[s]).toEqual([]);
      else expect(LEGAL_TRANSITIONS[s].some((t) => isFinalState(t))).toBe(true);
    }
  });

  it('property: a random walk either follows legal edges or throws at the first illegal one', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...STATES), { maxLength: 30 }), (steps) => {
        let state: OrderState = 'INTENT';
        for (const next of steps) {
          if (isLegalTransition(state, next)) state = transition('x', state, next);
          else {
            expect(() => transition('x', state, next)).toThrow(IllegalTransitionError);
            break;
          }
        }
      }),
    );
  });
});
