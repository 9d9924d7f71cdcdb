import type { ReactElement } from 'react';

/** An honest empty panel: says what is missing and why, never shows placeholder numbers. */
export function EmptyState(props: { text: string }): ReactElement {
  return <p className="empty">{props.text}</p>;
}
