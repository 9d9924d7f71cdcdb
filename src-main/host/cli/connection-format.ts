import type {
  ConnectionList,
  ConnectionView,
  KeyStatus,
} from '../../../src-shared/domain/connection';

const iso = (at: number): string => new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A key's status in one line: never more of the key than its last four characters. */
export function keyLine(key: KeyStatus): string {
  if (!key.set) return `no key${key.needsPassword ? ' (keys for it need a passphrase)' : ''}`;
  const v = key.verification;
  const check = v === null ? 'not checked yet' : `${v.verdict} (${iso(v.at)}): ${v.summary}`;
  return `key ${key.publicKeyHint ?? ''} set ${key.setAt === null ? '' : iso(key.setAt)}; ${check}`;
}

/** Extra lines for a key: the permissions found and the warnings. */
export function keyDetails(key: KeyStatus): string[] {
  const v = key.verification;
  if (v === null) return [];
  return [
    ...(v.permissions.length > 0 ? [`permissions: ${v.permissions.join(', ')}`] : []),
    ...v.warnings.map((w) => `warning: ${w}`),
  ];
}

function healthLine(c: ConnectionView): string {
  const h = c.health;
  if (h === null) return 'not running (the engine plays the replay, or is not running)';
  const age =
    h.lastMessageAgeMs === null
      ? 'no data yet'
      : `last data ${Math.round(h.lastMessageAgeMs / 1000)} s ago`;
  return `${h.state} (${h.reason}); ${age}; ${h.reconnects} reconnect(s)`;
}

export function formatConnectionList(list: ConnectionList): string {
  const lines = [
    `market source: ${list.source === 'live' ? 'live prices' : 'replay'}${list.sourceChosen ? '' : ' (default)'}`,
  ];
  if (list.connections.length === 0) lines.push('no exchange connections');
  for (const c of list.connections) {
    lines.push(
      `${c.name}: ${c.exchange} ${c.symbols.join(',')} ${c.timeframes.join(',')}${c.apiOrigin === null ? '' : ` via ${c.apiOrigin}`}${c.enabled ? '' : ' (disabled)'}`,
      `  feed: ${healthLine(c)}`,
      ...c.problems.map((p) => `  problem: ${p.symbol}: ${p.problem}`),
      ...c.quotes.map(
        (q) => `  ${q.symbol}: bid ${q.bid} ask ${q.ask} (spread ${q.spreadBps.toFixed(1)} bp)`,
      ),
      `  ${keyLine(c.key)}`,
      ...keyDetails(c.key).map((l) => `  ${l}`),
    );
  }
  return `${lines.join('\n')}\n`;
}
