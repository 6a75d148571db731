import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { Field } from '../../components/Field';
import { fieldError } from '../../components/ProblemAlert';
import { formatters } from '../../i18n';
import { kroner, useProjectWrite, type Project } from './data';
import { EditRow, PartActions, useEditing } from './PartActions';
import { oreOf, ProjectForm } from './ProjectForm';

type Amounts = Schemas['EconomyAmountsResponse'];
type EconomyYear = Project['economy']['years'][number];
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
  const { editing, toggle, close } = useEditing();
  const remove = (year: number) => (ifMatch: string) =>
    unwrap(
      api.DELETE('/api/v2/it-projects/{uuid}/economy-years/{year}', {
        params: { path: { uuid: project.uuid, year: String(year) }, header: { 'If-Match': ifMatch } },
      }),
    );
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
                {canEdit && <td />}
              </tr>
            </thead>
            <tbody>
              {years.map((y) => (
                <Fragment key={y.year}>
                  <tr>
                    <th scope="row">{y.year}</th>
                    {cells(y.budget)}
                    {cells(y.actual)}
                    {canEdit && (
                      <td>
                        <PartActions
                          projectUuid={project.uuid}
                          name={String(y.year)}
                          editing={editing === String(y.year)}
                          onEdit={() => toggle(String(y.year))}
                          remove={remove(y.year)}
                          reload={reload}
                        />
                      </td>
                    )}
                  </tr>
                  {canEdit && editing === String(y.year) && (
                    <EditRow columns={12}>
                      <EconomyYearForm project={project} reload={reload} row={y} onDone={close} />
                    </EditRow>
                  )}
                </Fragment>
              ))}
              <tr className="project-total-row">
                <th scope="row">{t('projects.economy.totals')}</th>
                {cells(budgetTotal)}
                {cells(actualTotal)}
                {canEdit && <td />}
              </tr>
            </tbody>
          </table>
        </div>
      )}
      {canEdit && <EconomyYearForm project={project} reload={reload} />}
    </>
  );
}

type Split = Record<'acquisition' | 'operation', Record<'internal' | 'external', string>>;
const emptySplit = (): Split => ({ acquisition: { internal: '', external: '' }, operation: { internal: '', external: '' } });
/** The amounts read, in kroner as the user types them. */
const splitOf = (amounts: Amounts): Split => ({
  acquisition: { internal: String(kroner(amounts.acquisition.internal)), external: String(kroner(amounts.acquisition.external)) },
  operation: { internal: String(kroner(amounts.operation.internal)), external: String(kroner(amounts.operation.external)) },
});
const toWrite = (split: Split): Schemas['EconomyAmountsWrite'] => ({
  acquisition: { internal: oreOf(split.acquisition.internal), external: oreOf(split.acquisition.external) },
  operation: { internal: oreOf(split.operation.internal), external: oreOf(split.operation.external) },
});

/** Adds a year, or (given `row`) changes that year's amounts with PUT (the year itself is the row's key and stays). */
function EconomyYearForm({
  project,
  reload,
  row,
  onDone,
}: {
  project: Project;
  reload: () => void;
  row?: EconomyYear;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const [year, setYear] = useState(String(row?.year ?? new Date().getFullYear()));
  const [budget, setBudget] = useState<Split>(() => (row ? splitOf(row.budget) : emptySplit()));
  const [actual, setActual] = useState<Split>(() => (row ? splitOf(row.actual) : emptySplit()));
  const prefix = row ? `economy.${row.year}.` : '';
  const add = useProjectWrite(project.uuid, (ifMatch, body: Schemas['ProjectEconomyYearWrite']) => {
    const header = { 'If-Match': ifMatch };
    return row
      ? unwrap(
          api.PUT('/api/v2/it-projects/{uuid}/economy-years/{year}', {
            params: { path: { uuid: project.uuid, year: String(row.year) }, header },
            body,
          }),
        )
      : unwrap(api.POST('/api/v2/it-projects/{uuid}/economy-years', { params: { path: { uuid: project.uuid }, header }, body }));
  });
  const submit = () =>
    add.mutate({ year: Number(year), budget: toWrite(budget), actual: toWrite(actual) }, { onSuccess: () => onDone?.() });
  const inputs = (group: 'budget' | 'actual', value: Split, set: (next: Split) => void) => (
    <fieldset className="project-fieldset">
      <legend className="form-label">{t(`projects.economy.${group}`)}</legend>
      <div className="project-form-grid">
        {SPLITS.map(([kind, side]) => (
          <Field
            key={`${kind}-${side}`}
            name={`${prefix}${group}.${kind}.${side}`}
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
    <ProjectForm
      label={row ? t('projects.parts.editForm', { name: String(row.year) }) : t('projects.economy.add')}
      submitLabel={row ? t('projects.save') : undefined}
      added={!row}
      heading={!row}
      mutation={add}
      onSubmit={submit}
      reload={reload}
      onCancel={onDone}
    >
      <Field
        name={row ? `${prefix}year` : 'economy.year'}
        label={t('projects.economy.year')}
        inputMode="numeric"
        required
        readOnly={!!row}
        value={year}
        error={fieldError(add.error, 'year')}
        onChange={(e) => setYear(e.target.value)}
      />
      {inputs('budget', budget, setBudget)}
      {inputs('actual', actual, setActual)}
    </ProjectForm>
  );
}
