import type { ReactElement } from 'react';
import { useMarketStore } from '../../state/market-store';
import { useNow } from '../../state/use-now';
import { Fact } from './fact';

const TONE = { LIVE: 'good', CONNECTING: 'warn', STALE: 'bad', DOWN: 'bad' } as const;

/**
 * Feed state and the age of the last market event. The age is measured in this window (time
 * since the last bar or status event arrived), because the feed's own clock is virtual in
 * replay; the engine does not publish its lastUpdateAge yet.
 */
export function FeedFact(): ReactElement {
  const feed = useMarketStore((s) => s.feed);
  const lastEventAt = useMarketStore((s) => s.lastEventAt);
  const now = useNow(1000);
  if (feed === null) return <Fact label="Feed" testId="feed-status" value="—" />;
  const age =
    lastEventAt === null ? '' : ` · ${Math.max(0, Math.round((now - lastEventAt) / 1000))}s`;
  return (
    <div
      className="fact"
      title={`${feed.feed}: ${feed.reason}. Age = time since this window last heard from the feed.`}
    >
      <dt>Feed {feed.feed}</dt>
      <dd data-testid="feed-status" className={`tone-${TONE[feed.state]}`}>
        {feed.state}
        <span className="muted small">{age}</span>
      </dd>
    </div>
  );
}
