import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type Schemas } from '../../api/client';
import { useSignedIn } from '../../auth/session';
import { Field } from '../../components/Field';
import { formatters } from '../../i18n';
import { useOrganizationUnits } from './data';
import {
  AUDIT_STATUSES,
  economyOf,
  emptyLine,
  linesOf,
  parseKroner,
  paymentsToWrite,
  STREAMS,
  validateLine,
  type PaymentLine,
} from './economy';
import { OptionSelect, SelectField } from './FormControls';
import { SectionForm, useContractPatch, useDraft, type SectionProps } from './ContractSectionForms';

/** Økonomi: the payment lines (add, edit, remove), saved together with If-Match; the totals per year follow the lines. */
export function ContractPayments({ contract, etag, reload, canEdit }: SectionProps) {
  const { t, i18n } = useTranslation();
  const units = useOrganizationUnits(useSignedIn().current.organization.uuid);
  const patch = useContractPatch(contract.uuid, etag);
  const [lines, setLines] = useDraft(
    () => linesOf(contract.payments, i18n.language),
    contract.version * 10 + (i18n.language === 'en' ? 1 : 0),
  );
  const invalid = lines.some((l) => Object.keys(validateLine(l, i18n.language)).length > 0);
  const submit = () => {
    if (!invalid) patch.mutate({ payments: paymentsToWrite(lines, i18n.language) });
  };
  return (
    <SectionForm id="economy" title={t('contracts.sections.economy')} patch={patch} onSubmit={submit} reload={reload} canEdit={canEdit}>
      <PaymentLinesEditor
        lines={lines}
        onChange={setLines}
        units={units.data ?? []}
        operationsRemunerationStartedAt={contract.paymentModel.operationsRemunerationStartedAt}
        readOnly={!canEdit}
        error={patch.error}
      />
    </SectionForm>
  );
}

/**
 * The payment lines of both streams in a table, a form below it to add a line or change the chosen one, and the totals
 * per year (and internal, external, all) of the lines as they stand, before they are saved.
 */
export function PaymentLinesEditor({
  lines,
  onChange,
  units,
  operationsRemunerationStartedAt,
  readOnly,
  error,
}: {
  lines: PaymentLine[];
  onChange: (next: PaymentLine[]) => void;
  units: ReadonlyArray<{ uuid: string; name: string | null }>;
  operationsRemunerationStartedAt: string | null;
  readOnly?: boolean;
  error?: unknown;
}) {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const e = (k: string) => t(`contracts.economy.${k}`);
  const [editing, setEditing] = useState<PaymentLine | null>(null);
  const [touched, setTouched] = useState(false);
  const local = editing && touched ? validateLine(editing, i18n.language) : {};
  const amount = (line: PaymentLine, k: 'acquisition' | 'operation' | 'other') =>
    format.kroner((parseKroner(line[k], i18n.language) ?? 0) / 100);
  // the server's problem for a saved line names it by stream and index: payments.external[0].acquisitionØre
  const serverError = (line: PaymentLine) => {
    const index = lines.filter((l) => l.stream === line.stream).indexOf(line);
    const prefix = `payments.${line.stream}[${index}]`;
    return fieldErrorsStartingWith(error, prefix);
  };
  const apply = () => {
    if (!editing) return;
    setTouched(true);
    if (Object.keys(validateLine(editing, i18n.language)).length) return;
    const name = units.find((u) => u.uuid === editing.organizationUnitUuid)?.name ?? editing.organizationUnitName;
    const line = { ...editing, organizationUnitName: name };
    onChange(lines.some((l) => l.key === line.key) ? lines.map((l) => (l.key === line.key ? line : l)) : [...lines, line]);
    setEditing(null);
    setTouched(false);
  };
  const set = <K extends keyof PaymentLine>(k: K, v: PaymentLine[K]) => editing && setEditing({ ...editing, [k]: v });
  const localError = (k: keyof PaymentLine) => (local[k] ? t(`contracts.validation.${local[k]}`) : undefined);
  const isNew = editing && !lines.some((l) => l.key === editing.key);

  return (
    <>
      {lines.length === 0 ? (
        <p>{e('empty')}</p>
      ) : (
        <table className="table table--compact">
          <caption>{e('lines')}</caption>
          <thead>
            <tr>
              <th scope="col">{e('stream')}</th>
              <th scope="col">{e('unit')}</th>
              <th scope="col">{e('acquisition')}</th>
              <th scope="col">{e('operation')}</th>
              <th scope="col">{e('other')}</th>
              <th scope="col">{e('auditDate')}</th>
              <th scope="col">{e('accountingEntry')}</th>
              {!readOnly && <th scope="col">{e('actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {lines.map((line, index) => {
              const problem = serverError(line);
              return (
                <tr key={line.key}>
                  <td>{e(line.stream)}</td>
                  <td>
                    {line.organizationUnitName}
                    {problem && <span className="form-error-message">{problem}</span>}
                  </td>
                  <td className="kitos-number">{amount(line, 'acquisition')}</td>
                  <td className="kitos-number">{amount(line, 'operation')}</td>
                  <td className="kitos-number">{amount(line, 'other')}</td>
                  <td>{format.date(line.auditDate)}</td>
                  <td>{line.accountingEntry}</td>
                  {!readOnly && (
                    <td>
                      <button
                        type="button"
                        className="button button-tertiary"
                        aria-label={t('contracts.economy.editLine', { n: index + 1 })}
                        onClick={() => {
                          setEditing(line);
                          setTouched(false);
                        }}
                      >
                        {t('common.edit')}
                      </button>
                      <button
                        type="button"
                        className="button button-tertiary"
                        aria-label={t('contracts.economy.removeLine', { n: index + 1 })}
                        onClick={() => onChange(lines.filter((l) => l.key !== line.key))}
                      >
                        {e('remove')}
                      </button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {!readOnly && !editing && (
        <button type="button" className="button button-secondary" onClick={() => setEditing(emptyLine())}>
          {e('addLine')}
        </button>
      )}
      {!readOnly && editing && (
        <fieldset className="kitos-fieldset">
          <legend className="h3">{isNew ? e('newLine') : e('changeLine')}</legend>
          <div className="kitos-form-grid">
            <SelectField
              name="line.stream"
              label={e('stream')}
              value={editing.stream}
              onChange={(ev) => set('stream', ev.target.value as PaymentLine['stream'])}
            >
              {STREAMS.map((s) => (
                <option key={s} value={s}>
                  {e(s)}
                </option>
              ))}
            </SelectField>
            <OptionSelect
              name="line.organizationUnitUuid"
              label={e('unit')}
              value={editing.organizationUnitUuid}
              error={localError('organizationUnitUuid')}
              options={units}
              noneLabel={t('contracts.choose')}
              onChange={(uuid) => set('organizationUnitUuid', uuid)}
            />
          </div>
          <div className="kitos-form-grid">
            {(['acquisition', 'operation', 'other'] as const).map((k) => (
              <Field
                key={k}
                name={`line.${k}`}
                label={`${e(k)} (${e('kroner')})`}
                inputMode="decimal"
                value={editing[k]}
                error={localError(k)}
                onChange={(ev) => set(k, ev.target.value)}
              />
            ))}
          </div>
          <div className="kitos-form-grid">
            <Field
              name="line.auditDate"
              label={e('auditDate')}
              type="date"
              value={editing.auditDate}
              onChange={(ev) => set('auditDate', ev.target.value)}
            />
            <SelectField
              name="line.auditStatus"
              label={e('auditStatus')}
              value={editing.auditStatus}
              onChange={(ev) => set('auditStatus', ev.target.value as PaymentLine['auditStatus'])}
            >
              {AUDIT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`contracts.economy.auditStatuses.${s}`)}
                </option>
              ))}
            </SelectField>
            <Field
              name="line.accountingEntry"
              label={e('accountingEntry')}
              maxLength={200}
              value={editing.accountingEntry}
              onChange={(ev) => set('accountingEntry', ev.target.value)}
            />
          </div>
          <Field name="line.note" label={e('note')} maxLength={2000} value={editing.note} onChange={(ev) => set('note', ev.target.value)} />
          <div className="kitos-actions">
            <button type="button" className="button button-secondary" onClick={apply}>
              {isNew ? e('addToLines') : e('updateLine')}
            </button>
            <button type="button" className="button button-tertiary" onClick={() => setEditing(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </fieldset>
      )}
      <h3 id="economy-totals-heading">{e('totals')}</h3>
      <EconomyTable economy={economyOf(lines, operationsRemunerationStartedAt, i18n.language)} />
    </>
  );
}

function fieldErrorsStartingWith(error: unknown, prefix: string): string | undefined {
  return error instanceof ApiError ? error.problem.errors?.find((x) => x.field.startsWith(prefix))?.message : undefined;
}

/** Economy in kroner: totals per year, then internal, external and all. */
export function EconomyTable({ economy }: { economy: Schemas['ContractEconomyResponse'] }) {
  const { t, i18n } = useTranslation();
  const { kroner } = formatters(i18n.language);
  const kr = (øre: number) => kroner(øre / 100);
  if (economy.total.totalØre === 0 && economy.byYear.length === 0) return <p>{t('contracts.economy.noTotals')}</p>;
  const row = (label: string, m: Schemas['MoneyTotals'], key: string, header = false) => (
    <tr key={key} className={header ? 'kitos-total-row' : undefined} data-year={key}>
      <th scope="row">{label}</th>
      <td className="kitos-number">{kr(m.acquisitionØre)}</td>
      <td className="kitos-number">{kr(m.operationØre)}</td>
      <td className="kitos-number">{kr(m.otherØre)}</td>
      <td className="kitos-number">{kr(m.totalØre)}</td>
    </tr>
  );
  return (
    <table className="table table--compact" aria-labelledby="economy-totals-heading">
      <thead>
        <tr>
          <th scope="col">{t('contracts.economy.year')}</th>
          <th scope="col">{t('contracts.economy.acquisition')}</th>
          <th scope="col">{t('contracts.economy.operation')}</th>
          <th scope="col">{t('contracts.economy.other')}</th>
          <th scope="col">{t('contracts.economy.total')}</th>
        </tr>
      </thead>
      <tbody>
        {economy.byYear.map((y) => row(y.year == null ? t('contracts.economy.noYear') : String(y.year), y, `year-${y.year}`))}
        {row(t('contracts.economy.internal'), economy.internal, 'internal', true)}
        {row(t('contracts.economy.external'), economy.external, 'external', true)}
        {row(t('contracts.economy.totalRow'), economy.total, 'total', true)}
      </tbody>
    </table>
  );
}
