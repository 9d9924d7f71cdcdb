import { isLoopbackAddress } from './loopback';

/**
 * Checks of what a trader types into the alert secret forms, shared by the engine (which
 * refuses bad input before anything is stored) and the cockpit's form (which says so before
 * sending). Each returns the problem in words, or null. None ever repeats the value: it is a
 * secret, and error texts travel to logs and screens.
 */

function spacesProblem(value: string, what: string): string | null {
  if (value.trim() === '') return `the ${what} is empty`;
  if (value !== value.trim())
    return `the ${what} has leading or trailing spaces (a copy-paste slip?)`;
  return null;
}

/** A bot token as @BotFather hands it out: digits, a colon, then the secret part. */
export function telegramTokenProblem(token: string): string | null {
  const spaces = spacesProblem(token, 'bot token');
  if (spaces !== null) return spaces;
  if (/^bot\d+:/.test(token))
    return "the bot token starts with 'bot' (copied from an API URL?): paste only what @BotFather gave, digits:secret";
  if (!/^\d+:[A-Za-z0-9_-]{20,}$/.test(token))
    return 'the bot token is not a Telegram bot token: @BotFather gives one like 123456789:AAH… (digits, a colon, then at least 20 letters, digits, - or _)';
  return null;
}

/** A chat id: a number (negative for groups and channels) or a public channel's @username. */
export function telegramChatIdProblem(chatId: string): string | null {
  const spaces = spacesProblem(chatId, 'chat id');
  if (spaces !== null) return spaces;
  if (/^-?\d{1,20}$/.test(chatId) || /^@[A-Za-z][A-Za-z0-9_]{4,31}$/.test(chatId)) return null;
  return 'the chat id must be a number (e.g. 123456789, or -100… for a group or channel) or a public channel’s @username';
}

/**
 * A webhook URL carries its own token, so it goes over https only; plain http only to a
 * receiver on this machine (a loopback address), where nothing travels over a network.
 */
export function webhookUrlProblem(url: string): string | null {
  const spaces = spacesProblem(url, 'webhook URL');
  if (spaces !== null) return spaces;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'the webhook URL is not a URL: copy the whole https://… address the service gave';
  }
  if (parsed.protocol === 'https:')
    return parsed.hostname === '' ? 'the webhook URL has no host' : null;
  if (parsed.protocol === 'http:') {
    return isLoopbackAddress(parsed.hostname)
      ? null
      : 'the webhook URL must start with https:// (it carries its token; plain http only to 127.0.0.1 or [::1])';
  }
  return 'the webhook URL must start with https://';
}
