import { describe, expect, it } from 'vitest';
import { dispatchCommand } from '../../../../src-shared/contract/dispatch';
import type { CommandHandlers } from '../../../../src-shared/contract/handlers';

const caller = { origin: 'test' } as const;

function handlersWith(overrides: Partial<CommandHandlers>): CommandHandlers {
  return {
    ping: () => ({ pong: true, at: 42 }),
    getStatus: () => {
      throw new Error('not used');
    },
    ...overrides,
  } as CommandHandlers;
}

describe('dispatchCommand', () => {
  it('runs a known command with valid input', async () => {
    expect(await dispatchCommand(handlersWith({}), 'ping', {}, caller)).toEqual({
      ok: true,
      output: { pong: true, at: 42 },
    });
  });

  it('answers an unknown command with UNKNOWN_COMMAND', async () => {
    const result = await dispatchCommand(handlersWith({}), 'launchMissiles', {}, caller);
    expect(result).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_COMMAND', message: 'Unknown command "launchMissiles".' },
    });
  });

  it('does not treat inherited object keys as commands', async () => {
    const result = await dispatchCommand(handlersWith({}), 'toString', {}, caller);
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
  });

  it('answers input of the wrong shape with INVALID_INPUT naming the field', async () => {
    const result = await dispatchCommand(handlersWith({}), 'ping', { extra: 1 }, caller);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (result.ok) throw new Error('expected failure');
    expect(result.error.message).toContain('extra');
  });

  it('turns a throwing handler into HANDLER_FAILED', async () => {
    const result = await dispatchCommand(
      handlersWith({
        ping: () => {
          throw new Error('venue unreachable');
        },
      }),
      'ping',
      {},
      caller,
    );
    expect(result).toEqual({
      ok: false,
      error: { code: 'HANDLER_FAILED', message: 'ping failed: venue unreachable' },
    });
  });

  it('refuses to pass on output that breaks the contract', async () => {
    const bad = handlersWith({ ping: () => ({ pong: true, at: 1.5 }) });
    const result = await dispatchCommand(bad, 'ping', {}, caller);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_OUTPUT' } });
  });
});
