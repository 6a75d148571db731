import type { Schemas } from '../../api/client';

/** A legal basis code of the API (`Art6-1-e`, `Art9-2-b`, `Art10`) as lawyers cite it: Art. 6(1)(e). */
export function legalBasis(code: string): string {
  const [article, paragraph, point] = code.replace(/^Art/, '').split('-');
  return `Art. ${article}${paragraph ? `(${paragraph})` : ''}${point ? `(${point})` : ''}`;
}

/** A contact person as one line: name, e-mail, phone (what is known of them). */
export function contact(c: Schemas['ContactResponse'] | null): string {
  return c ? [c.name, c.email, c.phone].filter(Boolean).join(', ') : '';
}
