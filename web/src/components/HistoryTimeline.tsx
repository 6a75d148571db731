import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../api/client';
import { addTexts, formatters } from '../i18n';
import { historyBundle } from './history-i18n';
import { ProblemAlert } from './ProblemAlert';
import { Spinner } from './Spinner';
import './history.css';

// the timeline's texts come with it (it is only on lazily loaded pages), before any of it renders
addTexts(historyBundle);

type Entry = Schemas['HistoryEntry'];

/** The objects whose change history the API keeps (`GET /api/v2/<kind>/{uuid}/history`). */
export const HISTORY_PATHS = {
  system: '/api/v2/it-systems/{uuid}/history',
  interface: '/api/v2/it-interfaces/{uuid}/history',
  usage: '/api/v2/it-system-usages/{uuid}/history',
  contract: '/api/v2/it-contracts/{uuid}/history',
  dataProcessing: '/api/v2/data-processing-registrations/{uuid}/history',
  project: '/api/v2/it-projects/{uuid}/history',
} as const;
export type HistoryKind = keyof typeof HISTORY_PATHS;

/**
 * Where the client already names an object's fields and values (i18n key prefixes, tried in order): a field path
 * `general.validity.validTo` is looked up as `<prefix>.general.validity.validTo`, then `<prefix>.validTo`.
 */
const KNOWN_LABELS: Record<HistoryKind, { fields: string[]; values: string[] }> = {
  system: { fields: ['history.fields', 'catalog'], values: ['history.values'] },
  interface: { fields: ['history.fields'], values: ['history.values'] },
  usage: {
    fields: ['history.fields', 'usages.general', 'usages.organization', 'usages.gdpr', 'usages.archiving'],
    values: ['usages.values', 'history.values'],
  },
  contract: { fields: ['history.fields', 'contracts.fields'], values: ['contracts.procurementInitiated', 'history.values'] },
  dataProcessing: { fields: ['history.fields', 'dpr.fields'], values: ['dpr.answers', 'dpr.intervals', 'history.values'] },
  project: { fields: ['history.fields'], values: ['history.values'] },
};

const PAGE = 25;

function text(i18n: I18n, key: string): string | undefined {
  const value = i18n.getResource(i18n.language, 'translation', key) ?? i18n.getResource('da', 'translation', key);
  return typeof value === 'string' ? value : undefined;
}

/** The readable name of a field path, or the path itself with its parts separated when the client does not know it. */
export function fieldLabel(i18n: I18n, prefixes: readonly string[], field: string): string {
  const last = field.split('.').pop() ?? field;
  for (const prefix of prefixes) {
    const found = text(i18n, `${prefix}.${field}`) ?? text(i18n, `${prefix}.${last}`);
    if (found) return found;
  }
  return field.split('.').join(' › ');
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A stored value as a reader sees it: names instead of ids where the value carries one, dates and yes/no per language. */
export function valueText(
  i18n: I18n,
  valuePrefixes: readonly string[],
  value: unknown,
  names: Readonly<Record<string, string>> = {},
  keyLabel: (key: string) => string = (key) => key,
): string {
  const empty = text(i18n, 'history.empty') ?? '—';
  const format = formatters(i18n.language);
  const one = (v: unknown): string => {
    if (v === null || v === undefined || v === '') return empty;
    if (typeof v === 'boolean') return text(i18n, v ? 'history.yes' : 'history.no') ?? String(v);
    if (typeof v === 'number') return format.number(v);
    if (typeof v === 'string') {
      if (names[v]) return names[v];
      if (DATE.test(v)) return format.date(v);
      if (DATE_TIME.test(v)) return format.dateTime(v);
      for (const prefix of valuePrefixes) {
        const found = /^[A-Za-z][A-Za-z0-9]*$/.test(v) ? text(i18n, `${prefix}.${v}`) : undefined;
        if (found) return found;
      }
      return v;
    }
    if (Array.isArray(v)) return v.length === 0 ? empty : v.map(one).join(', ');
    if (typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.name === 'string' && o.name) return o.name;
      const parts = Object.entries(o).filter(([, x]) => x !== null && x !== undefined && x !== '' && !(Array.isArray(x) && x.length === 0));
      // an object of known ids (a role assignment: role and user) reads as its names
      if (parts.length > 0 && parts.every(([, x]) => typeof x === 'string' && names[x]))
        return parts.map(([, x]) => names[x as string]).join(': ');
      return parts.map(([k, x]) => `${keyLabel(k)}: ${one(x)}`).join('; ');
    }
    return String(v);
  };
  return one(value);
}

/**
 * An object's change history as a timeline, newest first: what happened, when (per language), who, and each changed
 * field from its old to its new value. `kind` and `uuid` choose the object (`GET /api/v2/<kind>/{uuid}/history`);
 * `fieldLabelKeys`/`valueLabelKeys` add i18n prefixes where the page knows more names than the defaults, `names` the
 * names of ids.
 */
export function HistoryTimeline({
  kind,
  uuid,
  fieldLabelKeys = [],
  valueLabelKeys = [],
  names = {},
}: {
  kind: HistoryKind;
  uuid: string;
  fieldLabelKeys?: readonly string[];
  valueLabelKeys?: readonly string[];
  /** Names of ids the page knows (units, users, roles, contracts, KLE), shown instead of the ids. */
  names?: Readonly<Record<string, string>>;
}) {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const [shown, setShown] = useState(PAGE);
  const history = useQuery({
    queryKey: ['history', kind, uuid],
    queryFn: () => unwrap(api.GET(HISTORY_PATHS[kind], { params: { path: { uuid }, query: { pageSize: 250 } } })),
  });
  if (history.isPending) return <Spinner />;
  if (!history.data) return <ProblemAlert error={history.error} />;
  if (history.data.length === 0) return <p>{t('history.none')}</p>;
  const labels = { fields: [...fieldLabelKeys, ...KNOWN_LABELS[kind].fields], values: [...valueLabelKeys, ...KNOWN_LABELS[kind].values] };
  const entries: Entry[] = [...history.data].reverse();
  const keyLabel = (key: string) => fieldLabel(i18n, labels.fields, key);
  return (
    <>
      <ol className="history-timeline" aria-label={t('history.label')}>
        {entries.slice(0, shown).map((entry) => (
          <li key={`${entry.version}:${entry.occurredAt}`} className="history-entry">
            <p className="history-entry-head">
              <strong>{t(`history.event.${entry.event}`)}</strong>{' '}
              <time dateTime={entry.occurredAt}>{format.dateTime(entry.occurredAt)}</time>
              {' · '}
              {t('history.by', { who: entry.actor.name ?? (entry.actor.uuid ? t('history.unknownUser') : t('history.systemActor')) })}
            </p>
            {entry.changes.length > 0 && (
              <dl className="history-changes">
                {entry.changes.map((c) => (
                  <div key={c.field} className="history-change">
                    <dt>{fieldLabel(i18n, labels.fields, c.field)}</dt>
                    <dd>
                      {entry.event === 'created' ? (
                        valueText(i18n, labels.values, c.newValue, names, keyLabel)
                      ) : (
                        <>
                          <del>
                            <span className="sr-only">{t('history.from')} </span>
                            {valueText(i18n, labels.values, c.oldValue, names, keyLabel)}
                          </del>
                          <span aria-hidden="true"> → </span>
                          <ins>
                            <span className="sr-only">{t('history.to')} </span>
                            {valueText(i18n, labels.values, c.newValue, names, keyLabel)}
                          </ins>
                        </>
                      )}
                    </dd>
                  </div>
                ))}
              </dl>
            )}
          </li>
        ))}
      </ol>
      {entries.length > shown && (
        <button type="button" className="button button-secondary" onClick={() => setShown((n) => n + PAGE)}>
          {t('history.showMore', { count: entries.length - shown })}
        </button>
      )}
    </>
  );
}

/** A page's history section: a heading and the timeline, to mount with one line on an object's page. */
export function HistorySection({ kind, uuid, headingLevel = 2 }: { kind: HistoryKind; uuid: string; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const id = `history-${kind}-heading`;
  return (
    <section className="kitos-section history-section" aria-labelledby={id}>
      <Heading id={id}>{t('history.title')}</Heading>
      <HistoryTimeline kind={kind} uuid={uuid} />
    </section>
  );
}
