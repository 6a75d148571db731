import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from '@tanstack/react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { useSignedIn } from '../../auth/session';
import { Field } from '../../components/Field';
import { fieldError, ProblemAlert } from '../../components/ProblemAlert';
import { ContractTermsForm, termsAreValid } from './ContractTermsForm';
import { useContractOptions } from './data';
import { emptyTerms, termsToWrite, type TermsValues } from './terms';

/** Create a contract with its name, contract id and terms; then its page shows the derived notice deadline. */
export function NewContractPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const { current } = useSignedIn();
  const organizationUuid = current.organization.uuid;
  const noticePeriods = useContractOptions('/api/v2/it-contract-notice-period-month-types', organizationUuid);
  const extensionOptions = useContractOptions('/api/v2/it-contract-agreement-extension-option-types', organizationUuid);
  const [name, setName] = useState('');
  const [contractId, setContractId] = useState('');
  const [terms, setTerms] = useState<TermsValues>(emptyTerms);

  const create = useMutation({
    mutationFn: () => {
      const written = termsToWrite(terms);
      return unwrap(
        api.POST('/api/v2/it-contracts', {
          body: {
            organizationUuid,
            name: name.trim(),
            ...written,
            general: { ...written.general, contractId: contractId.trim() || null },
          },
        }),
      );
    },
    onSuccess: (contract) => {
      void queries.invalidateQueries({ queryKey: ['it-contracts'] });
      return navigate({ to: '/contracts/$uuid', params: { uuid: contract.uuid } });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (termsAreValid(terms)) create.mutate();
  };

  return (
    <>
      <h1>{t('contracts.createTitle')}</h1>
      <form onSubmit={submit} noValidate aria-busy={create.isPending}>
        <ProblemAlert error={create.error} />
        <Field
          name="name"
          label={t('contracts.fields.name')}
          required
          maxLength={200}
          value={name}
          error={fieldError(create.error, 'name')}
          onChange={(e) => setName(e.target.value)}
        />
        <Field
          name="general.contractId"
          label={t('contracts.fields.contractId')}
          maxLength={200}
          value={contractId}
          error={fieldError(create.error, 'general.contractId')}
          onChange={(e) => setContractId(e.target.value)}
        />
        <ContractTermsForm
          values={terms}
          onChange={setTerms}
          options={{ noticePeriods: noticePeriods.data ?? [], extensionOptions: extensionOptions.data ?? [] }}
          error={create.error}
        />
        <div className="kitos-actions">
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {t('contracts.create')}
          </button>
          <Link to="/contracts" className="button button-secondary">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}
