import type { ReactElement } from 'react';
import { useMarketStore } from '../../state/market-store';
import { useNow } from '../../state/use-now';
import { FEED_STATE_TONE } from '../connections/feed-state-tone';
import { Fact } from './fact';

/**
 * Feed state and the age of the last market event. A replay says REPLAY, never LIVE: its bars
 * are history played on a virtual clock; one that played its last bar says FINISHED (no price
 * comes by design, nothing failed). The age is measured in this window (time since the
 * last bar or status event arrived), because the feed's own clock is virtual in replay.
 */
export function FeedFact(): ReactElement {
  const feed = useMarketStore((s) => s.feed);
  const lastEventAt = useMarketStore((s) => s.lastEventAt);
  const now = useNow(1000);
  if (feed === null) return <Fact label="Feed" testId="feed-status" value="—" />;
  const replay = feed.feed === 'replay';
  const age =
    lastEventAt === null ? '' : ` · ${Math.max(0, Math.round((now - lastEventAt) / 1000))}s`;
  const state =
    replay && feed.state === 'LIVE' ? 'REPLAY' : feed.state === 'ENDED' ? 'FINISHED' : feed.state;
  const source = replay ? 'replay' : feed.feed.replace(/^ccxt:/, '');
  return (
    <div
      className="fact"
      title={`${source}: ${feed.reason}. Age = time since this window last heard from the feed.`}
    >
      <dt>Feed</dt>
      <dd data-testid="feed-status" data-state={feed.state} className={FEED_STATE_TONE[feed.state]}>
        {state}
        {!replay && <span className="muted small"> {source}</span>}
        <span className="muted small">{age}</span>
      </dd>
    </div>
  );
}
