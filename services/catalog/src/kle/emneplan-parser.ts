import type { FieldError } from '@kitos/common';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parentNumberOf } from './kle-number';

/** One entry of an emneplan as read from the file. */
export interface ParsedKleEntry {
  kleNumber: string;
  description: string;
  guidance: string | null;
  validFrom: string | null;
  removed: string | null;
}

export interface ParsedEmneplan {
  /** `UdgivelsesDato`, when the file has one. */
  publishedDate: string | null;
  /** One entry per KLE number, in number order. */
  entries: ParsedKleEntry[];
}

/** The document is not a readable emneplan; `problems` says where and why. */
export class EmneplanError extends Error {
  constructor(
    message: string,
    readonly problems: readonly FieldError[],
  ) {
    super(message);
    this.name = 'EmneplanError';
  }
}

const MAX_PROBLEMS = 50;
const MAX_TITLE = 500;

/** Hovedgruppe → Gruppe → Emne, each with `<Level>Nr`, `<Level>Titel`, `<Level>Vejledning`, `<Level>AdministrativInfo`. */
const LEVELS = [
  { element: 'Hovedgruppe', number: /^\d{2}$/, example: '00' },
  { element: 'Gruppe', number: /^\d{2}\.\d{2}$/, example: '00.01' },
  { element: 'Emne', number: /^\d{2}\.\d{2}\.\d{2}$/, example: '00.01.00' },
] as const;

/** fast-xml-parser's ordered form: `{ tag: children }` for an element, `{ '#text': text }` for text. */
type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/**
 * Reads a KLE emneplan in the KLE-online XML format (`KLE-Emneplan` with `UdgivelsesDato` and nested `Hovedgruppe`,
 * `Gruppe` and `Emne`). Entries that left KLE carry `…AdministrativInfo/Historisk/UdgaaetDato` (or were moved:
 * `Historisk/Flyttet/FlyttetDato`). A number listed twice (an old, removed entry and its successor) keeps the entry
 * still in force, else the most recently created. Unknown elements are ignored; every problem found is reported.
 */
export function parseEmneplan(xml: string): ParsedEmneplan {
  const source = xml.replace(/^\uFEFF/, '');
  if (/<!DOCTYPE/i.test(source)) {
    throw new EmneplanError('The emneplan is not accepted', [{ field: 'body', message: 'DOCTYPE declarations are not accepted' }]);
  }
  const valid = XMLValidator.validate(source);
  if (valid !== true) {
    const { line, col, msg } = valid.err;
    const where = col === undefined ? `line ${line}` : `line ${line}, column ${col}`;
    throw new EmneplanError('The emneplan is not well-formed XML', [{ field: 'body', message: `${where}: ${msg}` }]);
  }
  let document: XmlNode[];
  try {
    document = parser.parse(source) as XmlNode[];
  } catch (error) {
    throw new EmneplanError('The emneplan is not well-formed XML', [{ field: 'body', message: (error as Error).message }]);
  }
  const root = document.find((node) => tagOf(node) !== null);
  const rootTag = root ? tagOf(root) : null;
  if (!root || rootTag !== 'KLE-Emneplan') {
    throw new EmneplanError('The document is not a KLE emneplan', [
      { field: rootTag ?? 'body', message: `the document element must be KLE-Emneplan${rootTag ? `, not ${rootTag}` : ''}` },
    ]);
  }
  const reader = new EmneplanReader();
  const result = reader.read(root['KLE-Emneplan'] as XmlNode[]);
  if (reader.problems.length) throw new EmneplanError('The emneplan has errors', reader.problems.slice(0, MAX_PROBLEMS));
  return result;
}

class EmneplanReader {
  readonly problems: FieldError[] = [];

  read(children: XmlNode[]): ParsedEmneplan {
    const published = first(children, 'UdgivelsesDato');
    const publishedDate = published ? this.date(published, 'UdgivelsesDato') : null;
    const found: ParsedKleEntry[] = [];
    this.level(children, 0, '', null, found);
    if (!found.length && !this.problems.length) this.problem('KLE-Emneplan', 'contains no Hovedgruppe');
    return { publishedDate, entries: pickOnePerNumber(found) };
  }

  private level(children: XmlNode[], depth: number, path: string, parentNumber: string | null, out: ParsedKleEntry[]): void {
    const { element, number: pattern, example } = LEVELS[depth];
    elements(children, element).forEach((node, index) => {
      if (this.problems.length >= MAX_PROBLEMS) return;
      const here = `${path}${element}[${index}]`;
      const numberNode = first(node, `${element}Nr`);
      const kleNumber = numberNode ? collapse(textOf(numberNode)) : '';
      if (!kleNumber) return this.problem(`${here}.${element}Nr`, `${element}Nr is missing`);
      if (!pattern.test(kleNumber))
        return this.problem(`${here}.${element}Nr`, `"${kleNumber}" is not a ${element} number such as ${example}`);
      if (parentNumber !== null && parentNumberOf(kleNumber) !== parentNumber) {
        return this.problem(`${here}.${element}Nr`, `${kleNumber} does not belong under ${parentNumber}`);
      }
      const titleNode = first(node, `${element}Titel`);
      const description = titleNode ? collapse(textOf(titleNode)) : '';
      if (!description) this.problem(`${here}.${element}Titel`, `${kleNumber}: ${element}Titel is missing`);
      else if (description.length > MAX_TITLE) this.problem(`${here}.${element}Titel`, `${kleNumber}: longer than ${MAX_TITLE} characters`);
      const info = first(node, `${element}AdministrativInfo`);
      const created = info && first(info, 'OprettetDato');
      const history = info && first(info, 'Historisk');
      const removedNode = history && first(history, 'UdgaaetDato');
      const moved = history && first(history, 'Flyttet');
      const movedNode = moved && first(moved, 'FlyttetDato');
      const infoPath = `${here}.${element}AdministrativInfo`;
      const guidanceNode = first(node, `${element}Vejledning`);
      out.push({
        kleNumber,
        description,
        guidance: guidanceNode ? guidanceOf(guidanceNode) : null,
        validFrom: created ? this.date(created, `${infoPath}.OprettetDato`) : null,
        removed: removedNode
          ? this.date(removedNode, `${infoPath}.Historisk.UdgaaetDato`)
          : movedNode
            ? this.date(movedNode, `${infoPath}.Historisk.Flyttet.FlyttetDato`)
            : null,
      });
      if (depth + 1 < LEVELS.length) this.level(node, depth + 1, `${here}.`, kleNumber, out);
    });
  }

  /** An xs:date (`2019-01-01`, possibly with a time zone) as `YYYY-MM-DD`. */
  private date(node: XmlNode[], field: string): string | null {
    const text = collapse(textOf(node));
    const match = /^(\d{4})-(\d{2})-(\d{2})(?:Z|[+-]\d{2}:\d{2}|T[\d:.]+(?:Z|[+-]\d{2}:\d{2})?)?$/.exec(text);
    const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
    if (!match || !date || date.getUTCDate() !== Number(match[3]) || date.getUTCMonth() !== Number(match[2]) - 1) {
      this.problem(field, `"${text}" is not a date (YYYY-MM-DD)`);
      return null;
    }
    return `${match[1]}-${match[2]}-${match[3]}`;
  }

  private problem(field: string, message: string): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push({ field, message });
  }
}

/** Of several entries with one number, the one in force (no removal date), else the most recently created. */
function pickOnePerNumber(entries: readonly ParsedKleEntry[]): ParsedKleEntry[] {
  const byNumber = new Map<string, ParsedKleEntry>();
  for (const entry of entries) {
    const kept = byNumber.get(entry.kleNumber);
    if (!kept || rank(entry) > rank(kept)) byNumber.set(entry.kleNumber, entry);
  }
  return [...byNumber.values()].sort((a, b) => (a.kleNumber < b.kleNumber ? -1 : a.kleNumber > b.kleNumber ? 1 : 0));
}

function rank(entry: ParsedKleEntry): string {
  return `${entry.removed === null ? 1 : 0}${entry.validFrom ?? '0000-00-00'}`;
}

function tagOf(node: XmlNode): string | null {
  return Object.keys(node).find((key) => key !== '#text' && key !== ':@') ?? null;
}

/** The children of each element `name` among `children`. */
function elements(children: XmlNode[], name: string): XmlNode[][] {
  return children.filter((node) => tagOf(node) === name).map((node) => node[name] as XmlNode[]);
}

function first(children: XmlNode[], name: string): XmlNode[] | undefined {
  return elements(children, name)[0];
}

function textOf(children: XmlNode[]): string {
  return children.map((node) => (typeof node['#text'] === 'string' ? node['#text'] : textOf(childrenOf(node)))).join('');
}

function childrenOf(node: XmlNode): XmlNode[] {
  const tag = tagOf(node);
  return tag ? (node[tag] as XmlNode[]) : [];
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const BLOCKS = new Set(['p', 'ul', 'ol', 'div', 'VejledningTekst']);

/** `<…Vejledning><VejledningTekst><p>…</p><p><ul><li>…</li></ul></p>` as plain text: one line per paragraph or item. */
function guidanceOf(children: XmlNode[]): string | null {
  const lines: string[] = [];
  const walk = (nodes: XmlNode[]) => {
    let inline = '';
    const flush = () => {
      const line = collapse(inline);
      if (line) lines.push(line);
      inline = '';
    };
    for (const node of nodes) {
      const tag = tagOf(node);
      if (tag === null) inline += typeof node['#text'] === 'string' ? node['#text'] : '';
      else if (tag === 'li') {
        flush();
        const item = collapse(textOf(childrenOf(node)));
        if (item) lines.push(`- ${item}`);
      } else if (BLOCKS.has(tag)) {
        flush();
        walk(childrenOf(node));
      } else inline += textOf(childrenOf(node));
    }
    flush();
  };
  walk(children);
  return lines.length ? lines.join('\n') : null;
}
