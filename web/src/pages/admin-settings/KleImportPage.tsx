import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';
import { fieldError, ProblemAlert } from '../../components/ProblemAlert';
import { describedBy } from '../../components/Field';
import { SavedNotice } from '../../components/SavedNotice';
import { formatters } from '../../i18n';
import { KlePreview } from './KlePreview';
import { SettingsFrame } from './SettingsFrame';

type Preview = Schemas['KleImportPreviewResponse'];

/** KLE import (global administrators): upload the emneplan, see what it would change, apply exactly that change. */
export function KleImportPage() {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const queries = useQueryClient();
  const [file, setFile] = useState<File>();
  const [missingFile, setMissingFile] = useState(false);
  const [preview, setPreview] = useState<Preview>();
  const k = (key: string, options: Record<string, unknown> = {}) => t(`adminSettings.kle.${key}`, options);
  const upload = useMutation({
    mutationFn: async (xml: string) =>
      unwrap(
        api.POST('/api/v2/kle-options/imports', {
          body: xml,
          bodySerializer: (body: string) => body,
          headers: { 'content-type': 'application/xml' },
        }),
      ),
    onSuccess: (result) => {
      apply.reset();
      setPreview(result);
    },
  });
  const apply = useMutation({
    mutationFn: (uuid: string) => unwrap(api.POST('/api/v2/kle-options/imports/{uuid}/apply', { params: { path: { uuid } } })),
    onSuccess: async (result) => {
      setPreview(result);
      await queries.invalidateQueries({ queryKey: ['kle'] });
    },
  });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMissingFile(!file);
    if (file) upload.mutate(await file.text());
  };
  const fileError = missingFile ? k('chooseFile') : fieldError(upload.error, 'body');

  return (
    <SettingsFrame title={k('title')} audience="globalAdmin">
      <p>{k('intro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate aria-busy={upload.isPending}>
        <ProblemAlert error={upload.error} />
        <div className={`form-group${fileError ? ' form-error' : ''}`}>
          <label className="form-label" htmlFor="field-body">
            {k('file')}
          </label>
          <span className="form-hint" id="field-body-hint">
            {k('fileHint')}
          </span>
          {fileError && (
            <span className="form-error-message" id="field-body-error">
              {fileError}
            </span>
          )}
          <input
            id="field-body"
            className="form-file-input"
            type="file"
            accept=".xml,application/xml,text/xml"
            aria-invalid={fileError ? true : undefined}
            aria-describedby={describedBy('body', fileError, true)}
            onChange={(e) => setFile(e.target.files?.[0])}
          />
        </div>
        <button type="submit" className="button button-primary" disabled={upload.isPending}>
          {k('preview')}
        </button>
      </form>
      {preview && (
        <section className="admin-settings-section" aria-labelledby="kle-preview">
          <h2 id="kle-preview">{k('previewHeading')}</h2>
          <SavedNotice
            show={preview.status === 'Applied'}
            message={k('applied', { at: format.dateTime(preview.applied ?? preview.created) })}
          />
          <ProblemAlert error={apply.error} />
          <KlePreview preview={preview} />
          {preview.status === 'Pending' && (
            <button
              type="button"
              className="button button-primary admin-settings-apply"
              disabled={apply.isPending}
              onClick={() => apply.mutate(preview.uuid)}
            >
              {k('apply')}
            </button>
          )}
        </section>
      )}
    </SettingsFrame>
  );
}
