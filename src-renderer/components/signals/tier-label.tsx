import type { ReactElement } from 'react';
import type { Tier } from '../../view/signal-view';

/** Colour and text both carry the tier, so it reads without colour vision too. */
export function TierLabel(props: { tier: Tier }): ReactElement {
  return <span className={`tier tier-${props.tier.toLowerCase()}`}>{props.tier}</span>;
}
