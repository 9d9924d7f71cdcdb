import type { ReactElement, ReactNode } from 'react';

/**
 * One labelled figure in the top bar. `missing` explains why there is no value (an engine area
 * not in this build), shown on hover, so a dash is never mistaken for zero.
 */
export function Fact(props: {
  label: string;
  testId: string;
  value: ReactNode;
  missing?: string;
  tone?: 'good' | 'bad' | 'warn';
}): ReactElement {
  // "n/a" rather than a dash or zero: the figure does not exist in this build, it is not zero.
  const shown = props.missing !== undefined ? 'n/a' : props.value;
  return (
    <div className="fact" title={props.missing}>
      <dt>{props.label}</dt>
      <dd
        data-testid={props.testId}
        className={
          props.missing !== undefined
            ? 'fact-missing'
            : props.tone === undefined
              ? undefined
              : `tone-${props.tone}`
        }
      >
        {shown}
      </dd>
    </div>
  );
}
