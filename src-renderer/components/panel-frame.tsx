import type { ReactElement, ReactNode } from 'react';

/** A titled cockpit panel; `area` places it in the grid. */
export function PanelFrame(props: {
  title: string;
  area: string;
  children?: ReactNode;
}): ReactElement {
  return (
    <section className="panel" style={{ gridArea: props.area }} aria-label={props.title}>
      <h2 className="panel-title">{props.title}</h2>
      <div className="panel-body">{props.children}</div>
    </section>
  );
}
