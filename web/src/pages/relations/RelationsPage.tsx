import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useSignedIn } from '../../auth/session';
import { SelectField } from '../../components/FormFields';
import { ObjectLink, objectPaths } from '../../components/ObjectLink';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ScrollTable } from '../../components/ScrollTable';
import { Spinner } from '../../components/Spinner';
import { dependentsOf, impactOf, nameOf, sortedNodes, type GraphNode, type Impact, type RelationGraph } from './impact';
import { RelationGraphCanvas } from './RelationGraphCanvas';

function useRelationGraph(organizationUuid: string) {
  return useQuery({
    queryKey: ['system-relation-graph', organizationUuid],
    queryFn: () =>
      unwrap(api.GET('/api/v2/organizations/{organizationUuid}/system-relation-graph', { params: { path: { organizationUuid } } })),
  });
}

function UsageName({ node, uuid }: { node: GraphNode | undefined; uuid: string }) {
  const { t } = useTranslation();
  return <ObjectLink href={objectPaths.usage(uuid)}>{node?.name ?? t('relations.tables.unknownName', { uuid })}</ObjectLink>;
}

/**
 * The relation graph [Relationer]: the organisation's systems in use and their relations as an interactive graph, the
 * impact view of a chosen system (what depends on it, directly and through others), and the same data as tables.
 */
export function RelationsPage() {
  const { t } = useTranslation();
  const { current } = useSignedIn();
  const graph = useRelationGraph(current.organization.uuid);
  const { focus } = useSearch({ strict: false }) as { focus?: string };
  const navigate = useNavigate();
  const choose = (usageUuid: string | undefined) =>
    void navigate({ to: '/relations', search: usageUuid ? { focus: usageUuid } : {}, replace: true });

  return (
    <>
      <h1>{t('relations.title')}</h1>
      <p>{t('relations.intro')}</p>
      {graph.isPending ? (
        <Spinner />
      ) : graph.error ? (
        <ProblemAlert error={graph.error} />
      ) : graph.data.nodes.length === 0 ? (
        <p>{t('relations.empty')}</p>
      ) : (
        <RelationView graph={graph.data} focus={focus} choose={choose} />
      )}
    </>
  );
}

function RelationView({ graph, focus, choose }: { graph: RelationGraph; focus?: string; choose: (usageUuid: string | undefined) => void }) {
  const { t } = useTranslation();
  const nodes = useMemo(() => sortedNodes(graph.nodes), [graph]);
  const byUuid = useMemo(() => new Map(graph.nodes.map((n) => [n.usageUuid, n])), [graph]);
  const chosen = focus && byUuid.has(focus) ? focus : undefined;
  const impact = useMemo(() => (chosen ? impactOf(graph.edges, chosen) : null), [graph, chosen]);

  return (
    <>
      <SelectField
        name="focus"
        label={t('relations.chooser')}
        hint={t('relations.chooserHint')}
        placeholder={t('relations.noFocus')}
        options={nodes.map((n) => ({ value: n.usageUuid, label: nameOf(n) }))}
        value={chosen ?? ''}
        onChange={(event) => choose(event.target.value || undefined)}
      />
      {impact && <ImpactList impact={impact} graph={graph} onClear={() => choose(undefined)} />}

      <section className="relation-graph" aria-labelledby="relation-graph-heading">
        <h2 id="relation-graph-heading">{t('relations.graph.title')}</h2>
        <p>{t('relations.graph.help')}</p>
        <ul className="relation-graph__legend">
          <li className="relation-graph__key relation-graph__key--focus">{t('relations.graph.legendFocus')}</li>
          <li className="relation-graph__key relation-graph__key--impacted">{t('relations.graph.legendImpacted')}</li>
          <li className="relation-graph__key relation-graph__key--other">{t('relations.graph.legendOther')}</li>
        </ul>
        <RelationGraphCanvas
          graph={graph}
          impact={impact}
          label={t('relations.graph.label', { nodes: graph.nodes.length, edges: graph.edges.length })}
          onChoose={choose}
        />
      </section>

      <RelationTables graph={graph} nodes={nodes} byUuid={byUuid} impact={impact} />
    </>
  );
}

function ImpactList({ impact, graph, onClear }: { impact: Impact; graph: RelationGraph; onClear: () => void }) {
  const { t } = useTranslation();
  const name = nameOf(graph.nodes.find((n) => n.usageUuid === impact.focus));
  const dependents = dependentsOf(impact, graph.nodes);
  const direct = dependents.filter((d) => d.distance === 1).length;
  return (
    <section className="relation-impact" aria-labelledby="relation-impact-heading" aria-live="polite">
      <h2 id="relation-impact-heading">{t('relations.impact.title', { name })}</h2>
      {dependents.length === 0 ? (
        <p>{t('relations.impact.none', { name })}</p>
      ) : (
        <>
          <p>{t('relations.impact.summary', { direct, indirect: dependents.length - direct })}</p>
          <table className="table table--compact" data-testid="impact-table">
            <caption className="sr-only">{t('relations.impact.title', { name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('relations.impact.system')}</th>
                <th scope="col">{t('relations.impact.kind')}</th>
                <th scope="col">{t('relations.impact.distance')}</th>
              </tr>
            </thead>
            <tbody>
              {dependents.map(({ node, distance }) => (
                <tr key={node.usageUuid} data-usage={node.usageUuid}>
                  <th scope="row">
                    <UsageName node={node} uuid={node.usageUuid} />
                  </th>
                  <td>{distance === 1 ? t('relations.impact.direct') : t('relations.impact.indirect', { count: distance })}</td>
                  <td>{distance}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <button type="button" className="button button-secondary" onClick={onClear}>
        {t('relations.impact.clear')}
      </button>
    </section>
  );
}

function RelationTables({
  graph,
  nodes,
  byUuid,
  impact,
}: {
  graph: RelationGraph;
  nodes: GraphNode[];
  byUuid: Map<string, GraphNode>;
  impact: Impact | null;
}) {
  const { t } = useTranslation();
  const count = (side: 'from' | 'to', uuid: string) => graph.edges.filter((e) => e[side] === uuid).length;
  const edges = [...graph.edges].sort(
    (a, b) => nameOf(byUuid.get(a.from), a.from).localeCompare(nameOf(byUuid.get(b.from), b.from), 'da') || a.uuid.localeCompare(b.uuid),
  );
  const marked = (inImpact: boolean) => (impact ? <td>{inImpact ? t('relations.tables.yes') : ''}</td> : null);
  const impactHeading = impact ? <th scope="col">{t('relations.tables.inImpact')}</th> : null;
  return (
    <section aria-labelledby="relation-tables-heading">
      <h2 id="relation-tables-heading">{t('relations.tables.title')}</h2>
      <p>{t('relations.tables.help')}</p>
      <ScrollTable label={t('relations.tables.nodes', { count: nodes.length })}>
        <table className="table table--zebra table--compact" data-testid="relation-nodes">
          <caption>{t('relations.tables.nodes', { count: nodes.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('relations.tables.system')}</th>
              <th scope="col">{t('relations.tables.dependsOn')}</th>
              <th scope="col">{t('relations.tables.dependedOnBy')}</th>
              {impactHeading}
            </tr>
          </thead>
          <tbody>
            {nodes.map((n) => (
              <tr key={n.usageUuid} data-usage={n.usageUuid}>
                <th scope="row">
                  <UsageName node={n} uuid={n.usageUuid} />
                </th>
                <td>{count('from', n.usageUuid)}</td>
                <td>{count('to', n.usageUuid)}</td>
                {marked(!!impact && impact.distances.has(n.usageUuid))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
      <ScrollTable label={t('relations.tables.edges', { count: graph.edges.length })}>
        <table className="table table--zebra table--compact" data-testid="relation-edges">
          <caption>{t('relations.tables.edges', { count: graph.edges.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('relations.tables.from')}</th>
              <th scope="col">{t('relations.tables.to')}</th>
              <th scope="col">{t('relations.tables.interface')}</th>
              <th scope="col">{t('relations.tables.contract')}</th>
              <th scope="col">{t('relations.tables.frequency')}</th>
              {impactHeading}
            </tr>
          </thead>
          <tbody>
            {edges.map((e) => (
              <tr key={e.uuid} data-relation={e.uuid}>
                <th scope="row">
                  <UsageName node={byUuid.get(e.from)} uuid={e.from} />
                </th>
                <td>
                  <UsageName node={byUuid.get(e.to)} uuid={e.to} />
                </td>
                <td>{e.interface?.name ?? ''}</td>
                <td>
                  {e.contract ? (
                    <ObjectLink href={objectPaths.contract(e.contract.uuid)}>{e.contract.name ?? e.contract.uuid}</ObjectLink>
                  ) : (
                    ''
                  )}
                </td>
                <td>{e.frequency?.name ?? ''}</td>
                {marked(!!impact && impact.edgeUuids.has(e.uuid))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </section>
  );
}
