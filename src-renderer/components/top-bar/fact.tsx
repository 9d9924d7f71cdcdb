import type { ReactElement, ReactNode } from 'react';

/** One labelled figure in the top bar, optionally coloured by how healthy it is. */
export function Fact(props: {
  label: string;
  testId: string;
  value: ReactNode;
  tone?: 'good' | 'bad' | 'warn';
  title?: string;
}): ReactElement {
  return (
    <div className="fact" title={props.title}>
      <dt>{props.label}</dt>
      <dd
        data-testid={props.testId}
        className={props.tone === undefined ? undefined : `tone-${props.tone}`}
      >
        {props.value}
      </dd>
    </div>
  );
}
