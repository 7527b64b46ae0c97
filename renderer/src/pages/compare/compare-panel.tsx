/** A panel of the compare screen: a titled section, its controls in one row, then what they show. */
import type { ReactNode } from 'react';

export function ComparePanel({ id, title, controls, children }: { id: string; title: string; controls: ReactNode; children: ReactNode }) {
  return (
    <section className="panel compare-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <div className="compare-controls">{controls}</div>
      {children}
    </section>
  );
}
