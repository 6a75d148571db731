import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrapWithEtag } from '../../api/client';
import { useSignedIn } from '../../auth/session';
import { fieldError, ProblemAlert } from '../../components/ProblemAlert';
import { SavedNotice } from '../../components/SavedNotice';
import { Spinner } from '../../components/Spinner';
import { formatters } from '../../i18n';
import { SettingsFrame } from './SettingsFrame';

/**
 * Sharing settings [Deling af data]: what the organisation shares in cross-municipal reports and benchmarks, and its
 * one choice, the contract economy opt-out.
 */
export function SharingPage() {
  const { t } = useTranslation();
  return (
    <SettingsFrame title={t('adminSettings.sharing.title')} audience="localAdmin">
      <SharingSettingsForm />
    </SettingsFrame>
  );
}

function SharingSettingsForm() {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const { current } = useSignedIn();
  const uuid = current.organization.uuid;
  const queries = useQueryClient();
  const key = ['sharing-settings', uuid];
  const settings = useQuery({
    queryKey: key,
    queryFn: () => unwrapWithEtag(api.GET('/api/v2/organizations/{uuid}/sharing-settings', { params: { path: { uuid } } })),
  });
  const [share, setShare] = useState<boolean>();
  useEffect(() => setShare(settings.data?.data.shareContractEconomy), [settings.data]);
  const save = useMutation({
    mutationFn: (shareContractEconomy: boolean) =>
      unwrapWithEtag(
        api.PUT('/api/v2/organizations/{uuid}/sharing-settings', {
          params: { path: { uuid }, header: { 'If-Match': settings.data?.etag ?? undefined } },
          body: { shareContractEconomy },
        }),
      ),
    onSuccess: (saved) => queries.setQueryData(key, saved),
  });
  // after a 412: read the settings someone else saved, and start over from them
  const reload = () => {
    save.reset();
    void settings.refetch();
  };
  const s = (k: string, options: Record<string, unknown> = {}) => t(`adminSettings.sharing.${k}`, options);
  if (settings.isPending) return <Spinner />;
  if (settings.error) return <ProblemAlert error={settings.error} />;
  const data = settings.data.data;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (share !== undefined) save.mutate(share);
  };
  const error = fieldError(save.error, 'shareContractEconomy');
  return (
    <>
      <p>{s('intro')}</p>
      <h2>{s('sharedHeading')}</h2>
      <p>{s('shared')}</p>
      <h2>{s('neverHeading')}</h2>
      <p>{s('never')}</p>
      <p>
        {s('hiddenNow', {
          list: data.hiddenFromOtherOrganizations.map((h) => t(`adminSettings.sharing.hidden.${h}`, { defaultValue: h })).join(', '),
        })}
      </p>
      <form onSubmit={submit} noValidate aria-busy={save.isPending}>
        <SavedNotice show={save.isSuccess} message={t('adminSettings.saved')} />
        <ProblemAlert error={save.error} onReload={reload} />
        <fieldset
          className={`form-group${error ? ' form-error' : ''}`}
          id="field-shareContractEconomy"
          aria-describedby={`economy-hint${error ? ' field-shareContractEconomy-error' : ''}`}
        >
          <legend className="form-label">{s('economyLegend')}</legend>
          <span className="form-hint" id="economy-hint">
            {s('economyHint')}
          </span>
          {error && (
            <span className="form-error-message" id="field-shareContractEconomy-error">
              {error}
            </span>
          )}
          <ul className="nobullet-list">
            {[true, false].map((value) => (
              <li key={String(value)} className="form-group-radio">
                <input
                  type="radio"
                  className="form-radio"
                  name="shareContractEconomy"
                  id={`share-economy-${value}`}
                  checked={share === value}
                  onChange={() => setShare(value)}
                />
                <label htmlFor={`share-economy-${value}`}>{s(value ? 'shareEconomy' : 'optOut')}</label>
              </li>
            ))}
          </ul>
        </fieldset>
        <p>{data.changedAt ? s('lastChanged', { at: format.dateTime(data.changedAt) }) : s('defaults')}</p>
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {t('common.save')}
        </button>
      </form>
    </>
  );
}
