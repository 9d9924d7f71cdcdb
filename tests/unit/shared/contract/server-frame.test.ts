import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTRACT_ERROR_CODES } from '../../../../src-shared/contract/contract-error';
import { readServerFrame } from '../../../../src-shared/contract/server-frame';
import { WsServerFrameSchema } from '../../../../src-shared/contract/wire';

/** What the schema makes of a frame: the parsed frame, or null where it refuses. */
function bySchema(raw: unknown): unknown {
  const parsed = WsServerFrameSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

const json = fc.jsonValue();
const code = fc.oneof(fc.constantFrom(...CONTRACT_ERROR_CODES), fc.string());
const issue = fc.oneof(
  fc.record({ path: fc.string(), message: fc.string() }),
  fc.record({ path: json, message: json }, { requiredKeys: [] }),
);
const error = fc.record(
  { code, message: fc.oneof(fc.string(), json), issues: fc.oneof(fc.array(issue), json) },
  { requiredKeys: [] },
);
const result = fc.oneof(
  fc.record({ ok: fc.constant(true), output: json }, { requiredKeys: ['ok'] }),
  fc.record({ ok: fc.constant(false), error }, { requiredKeys: ['ok'] }),
  fc.record({ ok: json, output: json, error }, { requiredKeys: [] }),
);
const id = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.double(),
  fc.constant(2 ** 53),
  fc.constant(-(2 ** 60)),
  json,
);
const frame = fc.oneof(
  fc.record({ type: fc.constant('reply'), id, result }, { requiredKeys: ['type'] }),
  fc.record(
    { type: fc.constant('event'), kind: fc.oneof(fc.string(), json), payload: json },
    {
      requiredKeys: ['type'],
    },
  ),
  fc.record({ type: json, kind: fc.string(), id, result }, { requiredKeys: [] }),
  json,
);

describe('readServerFrame', () => {
  it('accepts and returns exactly what WsServerFrameSchema does, on any JSON frame', () => {
    fc.assert(
      fc.property(frame, (raw) => {
        // Frames arrive as JSON text: compare on what JSON.parse can give.
        const wire: unknown = JSON.parse(JSON.stringify(raw) ?? 'null');
        expect(readServerFrame(wire)).toEqual(bySchema(wire));
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps the issues of an INVALID_INPUT reply and drops keys outside the contract', () => {
    const raw = {
      type: 'reply',
      id: 7,
      extra: 1,
      result: {
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          message: 'bad',
          issues: [{ path: 'a', message: 'b', x: 1 }],
        },
      },
    };
    const expected = {
      type: 'reply',
      id: 7,
      result: {
        ok: false,
        error: { code: 'INVALID_INPUT', message: 'bad', issues: [{ path: 'a', message: 'b' }] },
      },
    };
    expect(readServerFrame(raw)).toStrictEqual(expected);
    expect(bySchema(raw)).toStrictEqual(expected);
    expect(readServerFrame({ ...raw, id: 1.5 })).toBeNull();
  });
});
