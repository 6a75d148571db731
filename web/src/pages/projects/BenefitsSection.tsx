import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { ChartFigure, type EChartsCoreOption } from '../../components/charts/EChart';
import { Field } from '../../components/Field';
import { SelectField, TextAreaField } from '../../components/FormFields';
import { fieldError } from '../../components/ProblemAlert';
import { formatters } from '../../i18n';
import { kroner, useProjectWrite, type Project } from './data';
import { PartActions } from './PartActions';
import { numberOrNull, ProjectForm, textOrNull } from './ProjectForm';

type Benefit = Schemas['ProjectBenefitResponse'];
type BenefitType = Benefit['type'];
const TYPES: readonly BenefitType[] = ['Economic', 'Qualitative', 'QualityOfService'];

/** Numbers of a benefit as people read them: economic values are stored in øre and shown in kroner. */
export function useBenefitFormat() {
  const { i18n } = useTranslation();
  const format = formatters(i18n.language);
  const percent = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'da-DK', { style: 'percent', maximumFractionDigits: 0 });
  return {
    value: (benefit: Pick<Benefit, 'type'>, value: number | null) =>
      value === null ? '' : benefit.type === 'Economic' ? format.kroner(kroner(value)) : format.number(value),
    rate: (rate: number | null) => (rate === null ? '' : percent.format(rate)),
    format,
  };
}

/** Why a benefit needs attention, in words (or that it follows the plan). */
export function AttentionBadges({ benefit, reasons }: { benefit: Benefit; reasons?: ReadonlyArray<'Overdue' | 'BelowPlan'> }) {
  const { t } = useTranslation();
  const list = reasons ?? [
    ...(benefit.realisation.overdue ? (['Overdue'] as const) : []),
    ...(benefit.realisation.belowPlan ? (['BelowPlan'] as const) : []),
  ];
  if (list.length === 0) return <span className="badge badge-success">{t('projects.benefits.onTrack')}</span>;
  return (
    <>
      {list.map((reason) => (
        <span key={reason} className="badge badge-warning project-badge-gap">
          {t(`projects.benefits.reasons.${reason}`)}
        </span>
      ))}
    </>
  );
}

/** Benefits realisation [Gevinstrealisering]: the project's economic rates, and per benefit its planned against realised chart and table. */
export function BenefitsSection({ project, canEdit, reload }: { project: Project; canEdit: boolean; reload: () => void }) {
  const { t } = useTranslation();
  const show = useBenefitFormat();
  const summary = project.benefitsRealisation;
  const economic = { type: 'Economic' as const };
  return (
    <>
      <p>
        {t('projects.benefits.summary', {
          realised: show.value(economic, summary.economicRealisedGainToDate),
          planned: show.value(economic, summary.economicPlannedGainToDate),
        })}{' '}
        {summary.economicPlanRate !== null && (
          <strong>
            {t('projects.benefits.planRate')}: {show.rate(summary.economicPlanRate)}.
          </strong>
        )}{' '}
        {t('projects.benefits.attention', { count: summary.benefitsNeedingAttention })}
      </p>
      {project.benefits.length === 0 ? (
        <p>{t('projects.none')}</p>
      ) : (
        project.benefits.map((b) => <BenefitCard key={b.uuid} benefit={b} edit={canEdit ? { project, reload } : undefined} />)
      )}
      {canEdit && <AddBenefit project={project} reload={reload} />}
    </>
  );
}

function BenefitCard({ benefit, edit }: { benefit: Benefit; edit?: { project: Project; reload: () => void } }) {
  const { t, i18n } = useTranslation();
  const patch = useBenefitPatch(edit?.project.uuid ?? '', benefit.uuid);
  const [editing, setEditing] = useState(false);
  const show = useBenefitFormat();
  const planned = t('projects.benefits.planned');
  const realised = t('projects.benefits.realised');
  const toAxis = (value: number) => (benefit.type === 'Economic' ? kroner(value) : value);
  const option = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { data: [planned, realised], bottom: 0 },
      grid: { left: 72, right: 16, top: 16, bottom: 48 },
      xAxis: { type: 'category', data: benefit.values.map((v) => String(v.year)) },
      yAxis: { type: 'value' },
      series: [
        { name: planned, type: 'bar', data: benefit.values.map((v) => toAxis(v.planned)) },
        {
          name: realised,
          type: 'bar',
          // hatched as well as coloured, so the two bars differ by more than colour
          itemStyle: {
            decal: {
              symbol: 'rect',
              symbolSize: 1,
              dashArrayX: [1, 0],
              dashArrayY: [3, 5],
              rotation: -Math.PI / 4,
              color: 'rgba(255,255,255,0.6)',
            },
          },
          data: benefit.values.map((v) => (v.realised === null ? null : toAxis(v.realised))),
        },
      ],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [benefit, planned, realised, i18n.language],
  );
  const { realisation } = benefit;
  return (
    <article className="project-benefit" aria-labelledby={`benefit-${benefit.uuid}`} data-benefit={benefit.uuid}>
      <h3 id={`benefit-${benefit.uuid}`}>{benefit.description}</h3>
      <p>
        <AttentionBadges benefit={benefit} />
      </p>
      <dl className="project-facts">
        <div className="project-fact">
          <dt>{t('projects.benefits.type')}</dt>
          <dd>{t(`projects.benefits.types.${benefit.type}`)}</dd>
        </div>
        <div className="project-fact">
          <dt>{t('projects.benefits.measure')}</dt>
          <dd>{benefit.measure ?? '–'}</dd>
        </div>
        <div className="project-fact">
          <dt>{t('projects.benefits.baseline')}</dt>
          <dd>{show.value(benefit, benefit.baseline)}</dd>
        </div>
        <div className="project-fact">
          <dt>{t('projects.benefits.target')}</dt>
          <dd>
            {show.value(benefit, benefit.targetValue) || '–'} {benefit.targetDate ? `(${show.format.date(benefit.targetDate)})` : ''}
          </dd>
        </div>
        <div className="project-fact">
          <dt>{t('projects.benefits.planRate')}</dt>
          <dd data-testid="plan-rate">{realisation.planRate === null ? '–' : show.rate(realisation.planRate)}</dd>
        </div>
        <div className="project-fact">
          <dt>{t('projects.benefits.targetRate')}</dt>
          <dd>{realisation.targetRate === null ? '–' : show.rate(realisation.targetRate)}</dd>
        </div>
      </dl>
      <p className="project-benefit__rate">
        {realisation.planRate === null
          ? t('projects.benefits.rateNone')
          : t('projects.benefits.rate', { rate: show.rate(realisation.planRate) })}
      </p>
      {benefit.values.length > 0 && (
        <ChartFigure
          title={t('projects.benefits.chartTitle', { name: benefit.description })}
          description={t('projects.benefits.chartText')}
          size="small"
          option={option}
          columns={[
            { key: 'year', label: t('projects.benefits.year') },
            { key: 'planned', label: planned, numeric: true },
            { key: 'realised', label: realised, numeric: true },
          ]}
          rows={benefit.values.map((v) => ({
            year: String(v.year),
            planned: show.value(benefit, v.planned),
            realised: v.realised === null ? t('projects.benefits.notMeasured') : show.value(benefit, v.realised),
          }))}
        />
      )}
      {edit && (
        <PartActions
          projectUuid={edit.project.uuid}
          name={benefit.description}
          editing={editing}
          onEdit={() => setEditing(!editing)}
          remove={(ifMatch) =>
            unwrap(
              api.DELETE('/api/v2/it-projects/{uuid}/benefits/{partUuid}', {
                params: { path: { uuid: edit.project.uuid, partUuid: benefit.uuid }, header: { 'If-Match': ifMatch } },
              }),
            )
          }
          reload={edit.reload}
        />
      )}
      {edit && editing && (
        <EditBenefitDefinition project={edit.project} benefit={benefit} reload={edit.reload} onDone={() => setEditing(false)} />
      )}
      {edit && <EditBenefitValues benefit={benefit} patch={patch} reload={edit.reload} key={edit.project.version} />}
    </article>
  );
}

interface YearRow {
  key: number;
  year: string;
  planned: string;
  realised: string;
}

/** Economic benefits are typed in kroner and stored in øre; other measures as they are. */
function storedValue(type: BenefitType, value: string): number | null {
  const n = numberOrNull(value);
  return n === null ? null : type === 'Economic' ? Math.round(n * 100) : n;
}

function typedValue(type: BenefitType, value: number | null): string {
  return value === null ? '' : String(type === 'Economic' ? kroner(value) : value);
}

function valuesOf(type: BenefitType, rows: ReadonlyArray<YearRow>): Schemas['BenefitYearValueWrite'][] {
  return rows.map((r) => ({ year: Number(r.year), planned: storedValue(type, r.planned) ?? 0, realised: storedValue(type, r.realised) }));
}

/** Planned and realised per year as rows of inputs (one row a year), each with the server's message for its field. */
function YearValuesFieldset({
  rows,
  onChange,
  error,
  idPrefix,
}: {
  rows: YearRow[];
  onChange: (rows: YearRow[]) => void;
  error: unknown;
  idPrefix: string;
}) {
  const { t } = useTranslation();
  const thisYear = new Date().getFullYear();
  const setRow = (key: number, next: Partial<YearRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...next } : r)));
  const nextYear = () => String(Math.max(thisYear - 1, ...rows.map((r) => Number(r.year) || thisYear)) + 1);
  const input = (row: YearRow, index: number, key: 'year' | 'planned' | 'realised', label: string) => (
    <Field
      name={`${idPrefix}values[${index}].${key}`}
      label={t(label, { row: index + 1 })}
      inputMode={key === 'year' ? 'numeric' : 'decimal'}
      value={row[key]}
      error={fieldError(error, `values[${index}].${key}`)}
      onChange={(e) => setRow(row.key, { [key]: e.target.value })}
    />
  );
  return (
    <fieldset className="project-fieldset">
      <legend className="form-label">{t('projects.benefits.values')}</legend>
      <p className="form-hint">{t('projects.benefits.valuesHelp')}</p>
      {fieldError(error, 'values') && <p className="form-error-message">{fieldError(error, 'values')}</p>}
      {rows.map((r, index) => (
        <div key={r.key} className="project-form-grid project-year-row">
          {input(r, index, 'year', 'projects.benefits.yearLabel')}
          {input(r, index, 'planned', 'projects.benefits.plannedLabel')}
          {input(r, index, 'realised', 'projects.benefits.realisedLabel')}
          <button
            type="button"
            className="button button-secondary project-year-row__remove"
            onClick={() => onChange(rows.filter((x) => x.key !== r.key))}
          >
            {t('projects.benefits.removeYear', { year: r.year })}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button button-secondary"
        onClick={() =>
          onChange([...rows, { key: Math.max(-1, ...rows.map((r) => r.key)) + 1, year: nextYear(), planned: '', realised: '' }])
        }
      >
        {t('projects.benefits.addYear')}
      </button>
    </fieldset>
  );
}

function useBenefitPatch(projectUuid: string, benefitUuid: string) {
  return useProjectWrite(projectUuid, (ifMatch, body: Schemas['ProjectBenefitPatch']) =>
    unwrap(
      api.PATCH('/api/v2/it-projects/{uuid}/benefits/{partUuid}', {
        params: { path: { uuid: projectUuid, partUuid: benefitUuid }, header: { 'If-Match': ifMatch } },
        body,
      }),
    ),
  );
}

/**
 * Record what was realised (or change the plan) of one benefit: PATCH of its values with If-Match. The form starts from
 * the version read; the write lives in the benefit's card, so that its "Gemt." outlasts the new start.
 */
function EditBenefitValues({
  benefit,
  patch,
  reload,
}: {
  benefit: Benefit;
  patch: ReturnType<typeof useBenefitPatch>;
  reload: () => void;
}) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<YearRow[]>(() =>
    benefit.values.map((v, key) => ({
      key,
      year: String(v.year),
      planned: typedValue(benefit.type, v.planned),
      realised: typedValue(benefit.type, v.realised),
    })),
  );
  return (
    <ProjectForm
      label={t('projects.benefits.edit', { name: benefit.description })}
      submitLabel={t('projects.save')}
      added={false}
      mutation={patch}
      onSubmit={() => patch.mutate({ values: valuesOf(benefit.type, rows) })}
      reload={reload}
    >
      <YearValuesFieldset rows={rows} onChange={setRows} error={patch.error} idPrefix={`${benefit.uuid}.`} />
    </ProjectForm>
  );
}

/** What a benefit is (description, type, measure, baseline, target), as typed: economic values in kroner. */
interface Definition {
  description: string;
  type: BenefitType;
  measure: string;
  baseline: string;
  target: string;
  targetDate: string;
}

const definitionOf = (benefit: Benefit): Definition => ({
  description: benefit.description,
  type: benefit.type,
  measure: benefit.measure ?? '',
  baseline: typedValue(benefit.type, benefit.baseline),
  target: typedValue(benefit.type, benefit.targetValue),
  targetDate: benefit.targetDate ?? '',
});

const definitionBody = (d: Definition) => ({
  description: d.description.trim(),
  type: d.type,
  measure: textOrNull(d.measure),
  baseline: storedValue(d.type, d.baseline) ?? 0,
  targetValue: storedValue(d.type, d.target),
  targetDate: d.targetDate || null,
});

function DefinitionFields({
  value,
  onChange,
  error,
  idPrefix,
}: {
  value: Definition;
  onChange: (next: Definition) => void;
  error: unknown;
  idPrefix: string;
}) {
  const { t } = useTranslation();
  const set = (key: keyof Definition) => (e: { target: { value: string } }) => onChange({ ...value, [key]: e.target.value });
  return (
    <>
      <TextAreaField
        name={`${idPrefix}description`}
        label={t('projects.benefits.description')}
        required
        maxLength={4000}
        value={value.description}
        error={fieldError(error, 'description')}
        onChange={set('description')}
      />
      <div className="project-form-grid">
        <SelectField
          name={`${idPrefix}type`}
          label={t('projects.benefits.type')}
          options={TYPES.map((v) => ({ value: v, label: t(`projects.benefits.types.${v}`) }))}
          value={value.type}
          error={fieldError(error, 'type')}
          onChange={set('type')}
        />
        <Field
          name={`${idPrefix}measure`}
          label={t('projects.benefits.measure')}
          maxLength={200}
          value={value.measure}
          error={fieldError(error, 'measure')}
          onChange={set('measure')}
        />
        <Field
          name={`${idPrefix}baseline`}
          label={t('projects.benefits.baseline')}
          inputMode="decimal"
          value={value.baseline}
          error={fieldError(error, 'baseline')}
          onChange={set('baseline')}
        />
        <Field
          name={`${idPrefix}targetValue`}
          label={t('projects.benefits.target')}
          inputMode="decimal"
          value={value.target}
          error={fieldError(error, 'targetValue')}
          onChange={set('target')}
        />
        <Field
          name={`${idPrefix}targetDate`}
          type="date"
          label={t('projects.benefits.targetDate')}
          value={value.targetDate}
          error={fieldError(error, 'targetDate')}
          onChange={set('targetDate')}
        />
      </div>
    </>
  );
}

/**
 * Change what a benefit is: PATCH of description, type, measure, baseline and target with If-Match. A new type
 * re-reads the values per year in its unit (kroner ↔ other measures), so the numbers the user sees stay the same.
 */
function EditBenefitDefinition({
  project,
  benefit,
  reload,
  onDone,
}: {
  project: Project;
  benefit: Benefit;
  reload: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const patch = useBenefitPatch(project.uuid, benefit.uuid);
  const [definition, setDefinition] = useState(() => definitionOf(benefit));
  const submit = () =>
    patch.mutate(
      {
        ...definitionBody(definition),
        ...(definition.type !== benefit.type && {
          values: benefit.values.map((v) => ({
            year: v.year,
            planned: storedValue(definition.type, typedValue(benefit.type, v.planned)) ?? 0,
            realised: storedValue(definition.type, typedValue(benefit.type, v.realised)),
          })),
        }),
      },
      { onSuccess: onDone },
    );
  return (
    <ProjectForm
      label={t('projects.parts.editForm', { name: benefit.description })}
      submitLabel={t('projects.save')}
      added={false}
      heading={false}
      mutation={patch}
      onSubmit={submit}
      reload={reload}
      onCancel={onDone}
    >
      <DefinitionFields value={definition} onChange={setDefinition} error={patch.error} idPrefix={`${benefit.uuid}.`} />
    </ProjectForm>
  );
}

function AddBenefit({ project, reload }: { project: Project; reload: () => void }) {
  const { t } = useTranslation();
  const thisYear = new Date().getFullYear();
  const empty: Definition = { description: '', type: 'Economic', measure: '', baseline: '0', target: '', targetDate: '' };
  const [definition, setDefinition] = useState<Definition>(empty);
  const [rows, setRows] = useState<YearRow[]>([{ key: 0, year: String(thisYear), planned: '', realised: '' }]);
  const add = useProjectWrite(project.uuid, (ifMatch, body: Schemas['ProjectBenefitWrite']) =>
    unwrap(
      api.POST('/api/v2/it-projects/{uuid}/benefits', { params: { path: { uuid: project.uuid }, header: { 'If-Match': ifMatch } }, body }),
    ),
  );
  const submit = () =>
    add.mutate(
      { ...definitionBody(definition), values: valuesOf(definition.type, rows) },
      {
        onSuccess: () => {
          setDefinition(empty);
          setRows([{ key: 0, year: String(thisYear), planned: '', realised: '' }]);
        },
      },
    );
  return (
    <ProjectForm label={t('projects.benefits.add')} mutation={add} onSubmit={submit} reload={reload}>
      <DefinitionFields value={definition} onChange={setDefinition} error={add.error} idPrefix="benefit." />
      <YearValuesFieldset rows={rows} onChange={setRows} error={add.error} idPrefix="benefit." />
    </ProjectForm>
  );
}
