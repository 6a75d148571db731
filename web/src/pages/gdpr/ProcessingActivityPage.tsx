import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ObjectLink, objectPaths } from '../../components/ObjectLink';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Spinner } from '../../components/Spinner';
import { DataCategoryMatrix } from './DataCategoryMatrix';
import { contact, legalBasis } from './format';

export function ProcessingActivityPage() {
  const { t } = useTranslation();
  const { uuid } = useParams({ from: '/shell/gdpr/processing-activities/$uuid' });
  const activity = useQuery({
    queryKey: ['gdpr', 'processing-activity', uuid],
    queryFn: () => unwrap(api.GET('/api/v2/processing-activities/{uuid}', { params: { path: { uuid } } })),
  });
  const back = (
    <p>
      <Link to="/gdpr/processing-activities">{t('gdpr.activity.back')}</Link>
    </p>
  );
  if (activity.isPending) return <Spinner />;
  if (activity.error)
    return (
      <>
        {back}
        <ProblemAlert error={activity.error} />
      </>
    );
  const a = activity.data;
  const none = t('gdpr.activity.none');
  const item = (label: string, value: ReactNode) => (
    <>
      <dt>{label}</dt>
      <dd>{value || none}</dd>
    </>
  );
  return (
    <>
      {back}
      <h1>{a.name}</h1>
      {a.findings.length > 0 && (
        <div className="alert alert-warning">
          <div className="alert-body">
            <h2 className="alert-heading h4">{t('gdpr.activity.findings')}</h2>
            <ul>
              {a.findings.map((f) => (
                <li key={`${f.article}:${f.field}`}>
                  Art. {f.article}: {f.message}
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
      <h2>{t('gdpr.activity.general')}</h2>
      <dl className="summary-list">
        {item(t('gdpr.activities.purposes'), a.purposes.join('; '))}
        {item(t('gdpr.activity.legalBases'), a.legalBases.map(legalBasis).join(', '))}
        {item(t('gdpr.activity.nationalLaw'), a.nationalLawReferences.join('; '))}
        {item(t('gdpr.activities.controllerRole'), t(`gdpr.activities.role.${a.controllerRole}`))}
        {a.controllerRole === 'JointController' &&
          item(
            t('gdpr.activity.jointControllers'),
            a.jointControllers.map((j) => [j.name, j.contact].filter(Boolean).join(', ')).join('; '),
          )}
        {item(t('gdpr.activity.representative'), a.representative)}
        {item(t('gdpr.activity.dataController'), contact(a.dataController))}
        {item(t('gdpr.activity.dpo'), contact(a.dataProtectionOfficer))}
        {item(t('gdpr.activity.securityMeasures'), a.securityMeasures)}
        {item(t('gdpr.activity.dataSource'), a.dataSource)}
      </dl>
      <h2>{t('gdpr.activity.matrix')}</h2>
      {a.dataCategories.length === 0 ? <p>{none}</p> : <DataCategoryMatrix rows={a.dataCategories} />}
      <h2>{t('gdpr.activity.recipients')}</h2>
      {a.recipients.length === 0 ? (
        <p>{none}</p>
      ) : (
        <table className="table table--compact table--zebra">
          <caption className="sr-only">{t('gdpr.activity.recipients')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('gdpr.activity.recipient')}</th>
              <th scope="col">{t('gdpr.activity.recipientCategory')}</th>
              <th scope="col">{t('gdpr.activity.thirdCountry')}</th>
              <th scope="col">{t('gdpr.activity.transferBasis')}</th>
            </tr>
          </thead>
          <tbody>
            {a.recipients.map((r) => (
              <tr key={r.name}>
                <th scope="row">{r.name}</th>
                <td>{r.category}</td>
                <td>{r.thirdCountry ? `${t('common.yes')}${r.country ? ` (${r.country})` : ''}` : t('common.no')}</td>
                <td>{r.transferBasis}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('gdpr.activity.systems')}</h2>
      {a.systemUsages.length === 0 ? (
        <p>{none}</p>
      ) : (
        <ul>
          {a.systemUsages.map((s) => (
            <li key={s.uuid}>
              <ObjectLink href={objectPaths.usage(s.uuid)}>{s.name ?? s.uuid}</ObjectLink>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
