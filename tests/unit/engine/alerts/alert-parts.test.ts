import { describe, expect, it } from 'vitest';
import type { AlertChannel, SendOutcome } from '../../../../src-main/engine/alerts/alert-channel';
import { redact } from '../../../../src-main/engine/alerts/alert-channel';
import type { AlertMessage } from '../../../../src-main/engine/alerts/alert-message';
import { AlertQueue } from '../../../../src-main/engine/alerts/alert-queue';
import { webhookBody } from '../../../../src-main/engine/alerts/webhook-channel';
import { ManualClock } from '../../../support/manual-clock';

const message = (kind: AlertMessage['kind'], title: string): AlertMessage => ({
  kind,
  title,
  body: 'b',
  at: 0,
});

describe('webhook bodies', () => {
  it('speaks Discord, Slack, and both to anything else', () => {
    const m = message('halt', 'Vigil HALTED');
    expect(webhookBody('https://discord.com/api/webhooks/1/x', m)).toEqual({
      content: 'Vigil HALTED\nb',
      username: 'Vigil',
      allowed_mentions: { parse: [] },
    });
    expect(webhookBody('https://hooks.slack.com/services/T/B/X', m)).toEqual({
      text: 'Vigil HALTED\nb',
    });
    expect(webhookBody('https://ntfy.example/vigil', m)).toMatchObject({
      content: 'Vigil HALTED\nb',
      text: 'Vigil HALTED\nb',
      kind: 'halt',
    });
  });

  it('removes every copy of a secret from a text', () => {
    expect(redact('GET /botT0K/sendMessage failed for T0K', ['T0K'])).toBe(
      'GET /bot***/sendMessage failed for ***',
    );
  });
});

describe('alert queue', () => {
  it('never holds a halt back: it jumps routine messages and bypasses the rate limit', async () => {
    const clock = new ManualClock(0);
    const sent: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const channel: AlertChannel = {
      name: 'webhook',
      configured: () => Promise.resolve(true),
      send: async (m): Promise<SendOutcome> => {
        await gate;
        sent.push(m.title);
        return { ok: true };
      },
    };
    const queue = new AlertQueue({
      channel,
      clock,
      sleep: (ms) => Promise.resolve(clock.advance(ms)),
      perMinute: () => 1,
      onDelivered: () => {},
      onFailed: () => {},
      onChange: () => {},
    });
    queue.push(message('fill', 'fill 1')); // in flight
    queue.push(message('fill', 'fill 2'));
    queue.push(message('fill', 'fill 3'));
    queue.push(message('halt', 'HALTED'));
    release();
    await queue.idle();
    expect(sent).toEqual(['fill 1', 'HALTED', expect.stringMatching(/^Vigil: 2 alerts held back/)]);
  });
});
