import { DOMParser } from '@xmldom/xmldom';

export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlError';
  }
}

/** Parses XML from outside: any parser error fails, and documents with a DTD (entity tricks) are refused. */
export function parseXml(xml: string): Document {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new XmlError('a DTD is not allowed');
  const fail = (message: string): never => {
    throw new XmlError(message.split('\n')[0]);
  };
  const document = new DOMParser({ errorHandler: { warning: () => undefined, error: fail, fatalError: fail } }).parseFromString(
    xml,
    'text/xml',
  );
  if (!document?.documentElement) throw new XmlError('no root element');
  return document;
}

/** Direct child elements with a local name (any namespace prefix). */
export function childElements(parent: Element, localName: string): Element[] {
  const result: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && (node as Element).localName === localName) result.push(node as Element);
  }
  return result;
}

export function childElement(parent: Element | null | undefined, localName: string): Element | null {
  return parent ? (childElements(parent, localName)[0] ?? null) : null;
}
