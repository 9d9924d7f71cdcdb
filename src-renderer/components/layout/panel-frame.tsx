import type { ReactElement, ReactNode } from 'react';

/** A titled cockpit panel; `area` places it in the grid, `flush` drops the body padding. */
export function PanelFrame(props: {
  title: string;
  area?: string;
  flush?: boolean;
  grow?: boolean;
  children?: ReactNode;
}): ReactElement {
  return (
    <section
      className={`panel${props.grow === true ? ' panel-grow' : ''}`}
      style={props.area === undefined ? undefined : { gridArea: props.area }}
      aria-label={props.title}
    >
      <h2 className="panel-title">{props.title}</h2>
      <div className={`panel-body${props.flush === true ? ' flush' : ''}`}>{props.children}</div>
    </section>
  );
}
