import { invalidFilter } from './scim-errors';

/** One `attribute eq value` comparison of a SCIM filter. */
export interface ScimEquality {
  readonly attribute: string;
  readonly value: string | boolean | null;
}

const MAX_FILTER_LENGTH = 1000;
const CORE_SCHEMA_PREFIX = /^urn:ietf:params:scim:schemas:core:2\.0:(user|group):/i;

/**
 * Parses the subset of RFC 7644 §3.4.2.2 filters this service answers: one or more `attrPath eq value` comparisons
 * joined by `and`, where the value is a JSON string, `true`, `false` or `null`, and the attribute is one of `allowed`
 * (matched case-insensitively, an optional core schema URN prefix removed). Anything else (other operators, `or`,
 * `not`, grouping, value paths, unknown attributes) is refused with 400 `invalidFilter`.
 */
export function parseScimFilter(filter: string, allowed: readonly string[]): ScimEquality[] {
  if (filter.length > MAX_FILTER_LENGTH) throw invalidFilter(`The filter is longer than ${MAX_FILTER_LENGTH} characters`);
  const tokens = tokenize(filter);
  const clauses: ScimEquality[] = [];
  let i = 0;
  for (;;) {
    const [attributeToken, operator, valueToken] = [tokens[i], tokens[i + 1], tokens[i + 2]];
    if (!attributeToken || attributeToken.kind !== 'word') throw invalidFilter(`Expected an attribute name in "${filter}"`);
    if (!operator || operator.kind !== 'word') throw invalidFilter(`Expected an operator after ${attributeToken.text}`);
    if (operator.text.toLowerCase() !== 'eq')
      throw invalidFilter(`The operator "${operator.text}" is not supported; only "eq" (joined by "and") is`);
    if (!valueToken) throw invalidFilter(`Expected a value after ${attributeToken.text} eq`);
    const name = attributeToken.text.replace(CORE_SCHEMA_PREFIX, '');
    const attribute = allowed.find((a) => a.toLowerCase() === name.toLowerCase());
    if (!attribute) throw invalidFilter(`Filtering on "${attributeToken.text}" is not supported; use ${allowed.join(', ')}`);
    clauses.push({ attribute, value: valueOf(valueToken) });
    i += 3;
    if (i === tokens.length) return clauses;
    const joiner = tokens[i];
    if (joiner.kind !== 'word' || joiner.text.toLowerCase() !== 'and')
      throw invalidFilter(`Expected "and" or the end of the filter, found "${joiner.text}"`);
    i += 1;
  }
}

type Token = { kind: 'word' | 'string'; text: string };

function tokenize(filter: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < filter.length) {
    const c = filter[i];
    if (c === ' ' || c === '\t') {
      i++;
    } else if (c === '"') {
      const end = closingQuote(filter, i);
      let text: string;
      try {
        text = JSON.parse(filter.slice(i, end + 1)) as string;
      } catch {
        throw invalidFilter(`The string starting at position ${i} is not a valid JSON string`);
      }
      tokens.push({ kind: 'string', text });
      i = end + 1;
    } else if (c === '(' || c === ')' || c === '[' || c === ']') {
      throw invalidFilter('Grouping and value paths ("(", "[") are not supported in filters');
    } else {
      let end = i;
      while (end < filter.length && !' \t"()[]'.includes(filter[end])) end++;
      tokens.push({ kind: 'word', text: filter.slice(i, end) });
      i = end;
    }
  }
  return tokens;
}

function closingQuote(filter: string, start: number): number {
  for (let i = start + 1; i < filter.length; i++) {
    if (filter[i] === '\\') i++;
    else if (filter[i] === '"') return i;
  }
  throw invalidFilter('A string in the filter is not closed');
}

function valueOf(token: Token): string | boolean | null {
  if (token.kind === 'string') return token.text;
  switch (token.text.toLowerCase()) {
    case 'true':
      return true;
    case 'false':
      return false;
    case 'null':
      return null;
    default:
      throw invalidFilter(`"${token.text}" is not a value: quote strings ("…")`);
  }
}
