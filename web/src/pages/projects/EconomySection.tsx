import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { Field } from '../../components/Field';
import { fieldError } from '../../components/ProblemAlert';
import { formatters } from '../../i18n';
import { kroner, useProjectWrite, type Project } from './data';
import { oreOf, ProjectForm } from './ProjectForm';

type Amounts = Schemas['EconomyAmountsResponse'];
const SPLITS = [
  ['acquisition', 'internal'],
  ['acquisition', 'external'],
  ['operation', 'internal'],
  ['operation', 'external'],
] as const;

/** Economy per year [Økonomi]: budget and actual, acquisition and operation, internal and external, in kroner, with totals. */
export function EconomySection({ project, canEdit, reload }: { project: Project; canEdit: boolean; reload: () => void }) {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const { years, budgetTotal, actualTotal } = project.economy;
  const cells = (amounts: Amounts) => [
    ...SPLITS.map(([kind, side]) => (
      <td key={`${kind}-${side}`} className="project-number">
        {format.kroner(kroner(amounts[kind][side]))}
      </td>
    )),
    <td key="total" className="project-number">
      {format.kroner(kroner(amounts.total.total))}
    </td>,
  ];
  const heads = (group: string) => [
    ...SPLITS.map(([kind, side]) => (
      <th scope="col" key={`${group}-${kind}-${side}`}>
        {group} – {t(`projects.economy.${kind}`)}, {t(`projects.economy.${side}`)}
      </th>
    )),
    <th scope="col" key={`${group}-total`}>
      {group} – {t('projects.economy.total')}
    </th>,
  ];
  return (
    <>
      <p>{t('projects.economy.help')}</p>
      {years.length === 0 ? (
        <p>{t('projects.none')}</p>
      ) : (
        <div className="table--responsive-scroll">
          <table className="table table--compact table--zebra" data-testid="economy">
            <caption>{t('projects.economy.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('projects.economy.year')}</th>
                {heads(t('projects.economy.budget'))}
                {heads(t('projects.economy.actual'))}
              </tr>
            </thead>
            <tbody>
              {years.map((y) => (
                <tr key={y.year}>
                  <th scope="row">{y.year}</th>
                  {cells(y.budget)}
                  {cells(y.actual)}
                </tr>
              ))}
              <tr className="project-total-row">
                <th scope="row">{t('projects.economy.totals')}</th>
                {cells(budgetTotal)}
                {cells(actualTotal)}
              </tr>
            </tbody>
          </table>
        </div>
      )}
      {canEdit && <AddEconomyYear project={project} reload={reload} />}
    </>
  );
}

type Split = Record<'acquisition' | 'operation', Record<'internal' | 'external', string>>;
const emptySplit = (): Split => ({ acquisition: { internal: '', external: '' }, operation: { internal: '', external: '' } });
const toWrite = (split: Split): Schemas['EconomyAmountsWrite'] => ({
  acquisition: { internal: oreOf(split.acquisition.internal), external: oreOf(split.acquisition.external) },
  operation: { internal: oreOf(split.operation.internal), external: oreOf(split.operation.external) },
});

function AddEconomyYear({ project, reload }: { project: Project; reload: () => void }) {
  const { t } = useTranslation();
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [budget, setBudget] = useState<Split>(emptySplit);
  const [actual, setActual] = useState<Split>(emptySplit);
  const add = useProjectWrite(project.uuid, (ifMatch, body: Schemas['ProjectEconomyYearWrite']) =>
    unwrap(
      api.POST('/api/v2/it-projects/{uuid}/economy-years', {
        params: { path: { uuid: project.uuid }, header: { 'If-Match': ifMatch } },
        body,
      }),
    ),
  );
  const submit = () => add.mutate({ year: Number(year), budget: toWrite(budget), actual: toWrite(actual) });
  const inputs = (group: 'budget' | 'actual', value: Split, set: (next: Split) => void) => (
    <fieldset className="project-fieldset">
      <legend className="form-label">{t(`projects.economy.${group}`)}</legend>
      <div className="project-form-grid">
        {SPLITS.map(([kind, side]) => (
          <Field
            key={`${kind}-${side}`}
            name={`${group}.${kind}.${side}`}
            label={`${t(`projects.economy.${kind}`)}, ${t(`projects.economy.${side}`)} (kr.)`}
            inputMode="decimal"
            value={value[kind][side]}
            error={fieldError(add.error, `${group}.${kind}.${side}`)}
            onChange={(e) => set({ ...value, [kind]: { ...value[kind], [side]: e.target.value } })}
          />
        ))}
      </div>
    </fieldset>
  );
  return (
    <ProjectForm label={t('projects.economy.add')} mutation={add} onSubmit={submit} reload={reload}>
      <Field
        name="economy.year"
        label={t('projects.economy.year')}
        inputMode="numeric"
        required
        value={year}
        error={fieldError(add.error, 'year')}
        onChange={(e) => setYear(e.target.value)}
      />
      {inputs('budget', budget, setBudget)}
      {inputs('actual', actual, setActual)}
    </ProjectForm>
  );
}
