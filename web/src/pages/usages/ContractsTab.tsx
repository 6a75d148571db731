import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { SelectField } from '../../components/FormFields';
import { fieldError, ProblemAlert } from '../../components/ProblemAlert';
import { SavedNotice } from '../../components/SavedNotice';
import { Spinner } from '../../components/Spinner';
import { formatters } from '../../i18n';
import { currentGeneral } from './GeneralTab';
import type { UsageSectionProps } from './section-props';

type GeneralWrite = Schemas['UsageGeneralWrite'];

/**
 * The contracts that cover the usage [Kontrakter], each with its validity and a link to its page, and the main contract
 * [Hovedkontrakt] chosen among them: while the main contract is not valid, the usage is not valid either.
 */
export function ContractsTab({ usage, canEdit, saving, saved, error, onSave, onReload }: UsageSectionProps<GeneralWrite>) {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const organizationUuid = usage.organizationContext.uuid;
  const contracts = useQuery({
    queryKey: ['it-contracts', { systemUsageUuid: usage.uuid }],
    queryFn: () =>
      unwrap(api.GET('/api/v2/it-contracts', { params: { query: { systemUsageUuid: usage.uuid, organizationUuid, pageSize: 250 } } })),
  });
  const [main, setMain] = useState(usage.general.mainContract?.uuid ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave({ ...currentGeneral(usage), mainContractUuid: main || null });
  };
  if (contracts.isPending) return <Spinner />;
  if (!contracts.data) return <ProblemAlert error={contracts.error} />;
  const validity = usage.general.validity;
  const yesNo = (v: boolean) => (
    <span className={v ? 'badge badge-success' : 'badge badge-warning'}>
      {v ? t('usages.contracts.isValid') : t('usages.contracts.isInvalid')}
    </span>
  );
  return (
    <>
      <ProblemAlert error={error} onReload={onReload} />
      <SavedNotice show={saved && !error} message={t('usages.page.saved')} />
      {!canEdit && <p>{t('usages.page.readOnly')}</p>}
      {contracts.data.length === 0 ? (
        <p>{t('usages.contracts.none')}</p>
      ) : (
        <table className="table table--compact table--zebra">
          <thead>
            <tr>
              <th scope="col">{t('usages.contracts.name')}</th>
              <th scope="col">{t('usages.contracts.supplier')}</th>
              <th scope="col">{t('usages.contracts.validFrom')}</th>
              <th scope="col">{t('usages.contracts.validTo')}</th>
              <th scope="col">{t('usages.contracts.valid')}</th>
              <th scope="col">{t('usages.contracts.main')}</th>
            </tr>
          </thead>
          <tbody>
            {contracts.data.map((c) => (
              <tr key={c.uuid}>
                <th scope="row">
                  <Link to="/contracts/$uuid" params={{ uuid: c.uuid }}>
                    {c.name}
                  </Link>
                </th>
                <td>{c.supplier?.organization?.name ?? ''}</td>
                <td>{format.date(c.general.validity.validFrom)}</td>
                <td>{format.date(c.general.validity.validTo)}</td>
                <td>{yesNo(c.general.validity.valid)}</td>
                <td>{usage.general.mainContract?.uuid === c.uuid ? <strong>{t('usages.contracts.isMain')}</strong> : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t('usages.contracts.mainHeading')}</h3>
      <p>
        {usage.general.mainContract ? (
          <>
            {t('usages.contracts.mainIs')}{' '}
            <Link to="/contracts/$uuid" params={{ uuid: usage.general.mainContract.uuid }}>
              {usage.general.mainContract.name ?? usage.general.mainContract.uuid}
            </Link>{' '}
            {yesNo(validity.validAccordingToMainContract)}
          </>
        ) : (
          t('usages.contracts.noMain')
        )}
      </p>
      {canEdit && contracts.data.length > 0 && (
        <form onSubmit={submit} noValidate aria-labelledby="main-contract-label" className="usage-subform">
          <SelectField
            name="general.mainContractUuid"
            label={<span id="main-contract-label">{t('usages.contracts.chooseMain')}</span>}
            hint={t('usages.contracts.mainHint')}
            placeholder={t('usages.contracts.noMainChoice')}
            options={contracts.data.map((c) => ({ value: c.uuid, label: c.name }))}
            value={main}
            onChange={(e) => setMain(e.target.value)}
            error={fieldError(error, 'general.mainContractUuid')}
          />
          <button type="submit" className="button button-primary" disabled={saving}>
            {t('common.save')}
          </button>
        </form>
      )}
    </>
  );
}
