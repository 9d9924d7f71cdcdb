import type { FeedState } from '../../../src-shared/domain/market';

/**
 * The colour class of each feed state, wherever one is shown: prices flowing are good; a feed
 * connecting or a replay that ENDED (no price comes, by design) is a warning; STALE or DOWN
 * prices are bad.
 */
export const FEED_STATE_TONE: Readonly<Record<FeedState, string>> = {
  LIVE: 'tone-good',
  CONNECTING: 'tone-warn',
  ENDED: 'tone-warn',
  STALE: 'tone-bad',
  DOWN: 'tone-bad',
};
