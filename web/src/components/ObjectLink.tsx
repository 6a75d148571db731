import type { MouseEvent, ReactNode } from 'react';
import { useRouter } from '@tanstack/react-router';

/** Where each kind of object is shown in the client (the pages of the catalogue, contracts and data processing areas). */
export const objectPaths = {
  usage: (uuid: string) => `/usages/${uuid}`,
  contract: (uuid: string) => `/contracts/${uuid}`,
  dataProcessing: (uuid: string) => `/data-processing/${uuid}`,
  processingActivity: (uuid: string) => `/gdpr/processing-activities/${uuid}`,
} as const;

/**
 * A link to an object's page in another area of the client, by path: a plain link (opens in a new tab, can be copied)
 * that the router follows without reloading the page on an ordinary click.
 */
export function ObjectLink({ href, children, className }: { href: string; children: ReactNode; className?: string }) {
  const router = useRouter({ warn: false });
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    if (!router || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    router.history.push(href);
  };
  return (
    <a href={href} onClick={follow} className={className}>
      {children}
    </a>
  );
}
