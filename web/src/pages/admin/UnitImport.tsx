import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { useSignedIn } from '../../auth/session';
import { Field } from '../../components/Field';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SavedNotice } from '../../components/SavedNotice';
import { unitsKey } from './data';

/** Import of a unit tree from a CSV file: all or nothing; the server's row errors are listed by ProblemAlert. */
export function UnitImport() {
  const { t } = useTranslation();
  const organizationUuid = useSignedIn().current.organization.uuid;
  const queries = useQueryClient();
  const [file, setFile] = useState<File>();
  const upload = useMutation({
    mutationFn: async () =>
      unwrap(
        api.POST('/api/v2/organizations/{organizationUuid}/organization-units/import', {
          params: { path: { organizationUuid } },
          body: { format: 'csv', csv: await file!.text() },
        }),
      ),
    onSuccess: () => queries.invalidateQueries({ queryKey: unitsKey(organizationUuid) }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (file) upload.mutate();
  };
  return (
    <form onSubmit={submit} aria-labelledby="unit-import-heading" aria-busy={upload.isPending}>
      <h2 id="unit-import-heading">{t('admin.units.import')}</h2>
      <div aria-live="polite">
        <SavedNotice show={upload.isSuccess} message={upload.data ? t('admin.units.imported', upload.data) : ''} />
      </div>
      <ProblemAlert error={upload.error} />
      <Field
        name="csv"
        type="file"
        accept=".csv,text/csv"
        label={t('admin.units.importFile')}
        hint={t('admin.units.importHelp')}
        onChange={(e) => {
          setFile(e.target.files?.[0]);
          upload.reset();
        }}
      />
      <button type="submit" className="button button-secondary" disabled={!file || upload.isPending}>
        {t('admin.units.importSubmit')}
      </button>
    </form>
  );
}
