import type { ReactNode } from 'react';

/** A wide table that scrolls sideways on narrow screens; the scroll area is focusable so that keyboard users can scroll it. */
export function ScrollTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table--responsive-scroll scroll-table" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
