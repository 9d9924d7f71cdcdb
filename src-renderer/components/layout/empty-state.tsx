import type { ReactElement } from 'react';
import { missingAreaText, type EngineAreaId } from '../../view/area-availability';

/** An honest empty panel: says what is missing and why, never shows placeholder numbers. */
export function EmptyState(props: { area?: EngineAreaId; text?: string }): ReactElement {
  const text = props.area !== undefined ? missingAreaText(props.area) : (props.text ?? '');
  return (
    <p
      className="empty"
      data-testid={props.area === undefined ? undefined : `missing-${props.area}`}
    >
      {text}
    </p>
  );
}
