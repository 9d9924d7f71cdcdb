import { describe, expect, it } from 'vitest';
import {
  telegramChatIdProblem,
  telegramTokenProblem,
  webhookUrlProblem,
} from '../../../../src-shared/domain/alert-secrets';

// What the alert secret forms and `vigil alerts secret set` refuse before anything is stored.
// Every message must name the problem without repeating the value: it is a secret.

const TOKEN = '110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw'; // the shape of Telegram's docs' example

describe('alert secret checks', () => {
  it('accepts a bot token as @BotFather gives it and names each slip', () => {
    expect(telegramTokenProblem(TOKEN)).toBeNull();
    const cases: Array<[string, RegExp]> = [
      ['', /^the bot token is empty$/],
      [` ${TOKEN}`, /leading or trailing spaces \(a copy-paste slip\?\)/],
      [`${TOKEN}\n`, /leading or trailing spaces/],
      [`bot${TOKEN}`, /starts with 'bot' \(copied from an API URL\?\)/],
      ['110201543AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw', /is not a Telegram bot token/],
      ['110201543:short', /is not a Telegram bot token/],
      ['110201543:AAHdqTcvCH1vGWJx/eofSAs0K5PALDsaw', /is not a Telegram bot token/],
    ];
    for (const [token, message] of cases) {
      const problem = telegramTokenProblem(token);
      expect(problem).toMatch(message);
      if (token.trim() !== '') expect(problem).not.toContain(token.trim().slice(-12));
    }
  });

  it('accepts numeric chat ids (groups are negative) and @channel names only', () => {
    for (const ok of ['123456789', '-1001234567890', '@vigil_alerts']) {
      expect(telegramChatIdProblem(ok)).toBeNull();
    }
    for (const bad of ['12 34', '@abc', 'vigil_alerts', '1.5', '']) {
      expect(telegramChatIdProblem(bad)).toMatch(/chat id (must be|is empty)/);
    }
  });

  it('takes a webhook over https, plain http only to this machine, and never repeats the URL', () => {
    const discord = 'https://discord.com/api/webhooks/42/abcDEF-secret';
    expect(webhookUrlProblem(discord)).toBeNull();
    expect(webhookUrlProblem('http://127.0.0.1:8080/hook/secret')).toBeNull();
    expect(webhookUrlProblem('http://[::1]:8080/hook/secret')).toBeNull();
    const cases: Array<[string, RegExp]> = [
      [
        'http://hooks.slack.com/services/T/B/secret',
        /must start with https:\/\/ \(it carries its token/,
      ],
      ['http://localhost:8080/hook/secret', /must start with https:\/\//],
      ['ftp://example.com/secret', /must start with https:\/\/$/],
      ['discord.com/api/webhooks/42/secret', /is not a URL: copy the whole https:\/\/… address/],
      [`${discord} `, /leading or trailing spaces/],
    ];
    for (const [url, message] of cases) {
      const problem = webhookUrlProblem(url) ?? '';
      expect(problem).toMatch(message);
      expect(problem).not.toContain('secret');
    }
  });
});
