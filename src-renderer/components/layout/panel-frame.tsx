import type { ReactElement, ReactNode } from 'react';

/** A titled cockpit panel; `area` places it in the grid, `flush` drops the body padding. */
export function PanelFrame(props: {
  title: string;
  area?: string;
  flush?: boolean;
  grow?: boolean;
  extraClass?: string;
  testId?: string;
  children?: ReactNode;
}): ReactElement {
  const classes = ['panel', props.grow === true ? 'panel-grow' : '', props.extraClass ?? '']
    .filter((c) => c !== '')
    .join(' ');
  return (
    <section
      className={classes}
      style={props.area === undefined ? undefined : { gridArea: props.area }}
      aria-label={props.title}
      data-testid={props.testId}
    >
      <h2 className="panel-title">{props.title}</h2>
      {/* Bodies scroll when the window is short: focusable, so the keyboard can scroll them. */}
      <div
        className={`panel-body${props.flush === true ? ' flush' : ''}`}
        tabIndex={props.flush === true ? undefined : 0}
      >
        {props.children}
      </div>
    </section>
  );
}
