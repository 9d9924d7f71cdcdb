import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatchCommand } from '../../../../src-shared/contract/dispatch';
import type { CommandHandlers } from '../../../../src-shared/contract/handlers';
import { RISK_CONFIG_KEYS } from '../../../../src-shared/domain/risk-config';
import { riskHandlers } from '../../../../src-main/engine/risk/risk-handlers';
import { riskHarness } from '../../../support/risk-harness';

/** Every own property of Object.prototype with its descriptor, to compare before and after. */
function prototypeSnapshot(): Map<PropertyKey, PropertyDescriptor> {
  return new Map(
    Reflect.ownKeys(Object.prototype).map((key) => [
      key,
      Object.getOwnPropertyDescriptor(Object.prototype, key) as PropertyDescriptor,
    ]),
  );
}

const pristine = prototypeSnapshot();

// If a defect ever pollutes the prototype, put it back so the rest of the file can still report.
afterEach(() => {
  for (const key of Reflect.ownKeys(Object.prototype))
    if (!pristine.has(key)) Reflect.deleteProperty(Object.prototype, key);
  for (const [key, descriptor] of pristine)
    Object.defineProperty(Object.prototype, key, descriptor);
});

function expectPrototypeUntouched(): void {
  const now = prototypeSnapshot();
  expect([...now.keys()]).toEqual([...pristine.keys()]);
  for (const [key, descriptor] of pristine) expect(now.get(key)).toEqual(descriptor);
}

function setup(): {
  call: (changes: Record<string, unknown>) => ReturnType<typeof dispatchCommand>;
  /** The engine's own entry point, behind the contract's schema: its own key check must hold. */
  update: (changes: Record<string, unknown>) => unknown;
  config: () => unknown;
} {
  const h = riskHarness([]);
  const handlers = riskHandlers(h.risk) as CommandHandlers;
  return {
    call: (changes) => dispatchCommand(handlers, 'setRiskConfig', { changes }, { origin: 'test' }),
    update: (changes) => {
      try {
        return h.risk.config.update(changes, 'test');
      } catch (error) {
        return error;
      }
    },
    config: () => h.risk.config.current,
  };
}

describe('setRiskConfig keys', () => {
  it('refuses __proto__.hasOwnProperty by name and leaves Object.prototype alone', async () => {
    const { call } = setup();
    const polluted = await call({ '__proto__.hasOwnProperty': 1 });
    expect(polluted).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        issues: [{ path: 'changes.__proto__.hasOwnProperty', message: 'unknown setting' }],
      },
    });
    expectPrototypeUntouched();
    // The engine still answers afterwards (the defect made every later command fail).
    expect(await call({ maxLeverage: 2 })).toMatchObject({ ok: true, output: { maxLeverage: 2 } });
  });

  it('refuses constructor.prototype and __proto__.toString', async () => {
    const { call } = setup();
    for (const key of ['constructor.prototype.x', '__proto__.toString', 'panic.__proto__.x'])
      expect(await call({ [key]: 'x' })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', issues: [{ path: `changes.${key}` }] },
      });
    expectPrototypeUntouched();
  });

  it('property: arbitrary dotted keys never touch Object.prototype; only schema keys apply', async () => {
    const segment = fc.oneof(
      fc.constantFrom(
        '__proto__',
        'constructor',
        'prototype',
        'toString',
        'hasOwnProperty',
        'valueOf',
        'panic',
        '',
      ),
      fc.constantFrom(...RISK_CONFIG_KEYS.flatMap((k) => k.split('.'))),
      fc.string({ maxLength: 12 }),
    );
    const key = fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('.'));
    const value = fc.oneof(fc.jsonValue(), fc.constant({ polluted: true }));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(key, value), { maxLength: 5 }), async (entries) => {
        const { call, update, config } = setup();
        const before = structuredClone(config());
        // Own properties, __proto__ included (Object.fromEntries defines, never sets).
        const changes = Object.fromEntries(entries);
        const offList = Object.keys(changes).filter((k) => !RISK_CONFIG_KEYS.includes(k));
        const result = await call(changes);
        expectPrototypeUntouched();
        if (offList.length > 0) {
          // Refused, every off-list key named, nothing changed.
          expect(result.ok).toBe(false);
          if (!result.ok) {
            expect(result.error.code).toBe('INVALID_INPUT');
            const named = (result.error.issues ?? []).map((i) => i.path);
            for (const k of offList) expect(named).toContain(`changes.${k.slice(0, 100)}`);
          }
          expect(config()).toEqual(before);
        }
        const direct = update(changes);
        expectPrototypeUntouched();
        expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
        if (offList.length > 0) {
          expect(direct).toBeInstanceOf(Error);
          expect(config()).toEqual(before);
        }
      }),
      { numRuns: 300 },
    );
  });
});
