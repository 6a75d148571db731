import { useTranslation } from 'react-i18next';
import { Link, useParams } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Spinner } from '../../components/Spinner';
import { formatters } from '../../i18n';
import { DeadlineDate } from '../contracts/ContractDeadlines';
import { Facts } from '../contracts/FormControls';
import { HistorySection } from '../../components/HistoryTimeline';

/** A data processing registration's page: its fields, the oversight dates and the next oversight due. */
export function DprPage() {
  const { t } = useTranslation();
  const { uuid } = useParams({ strict: false }) as { uuid: string };
  const dpr = useQuery({
    queryKey: ['dpr', uuid],
    queryFn: () => unwrap(api.GET('/api/v2/data-processing-registrations/{uuid}', { params: { path: { uuid } } })),
  });
  if (dpr.isPending) return <Spinner />;
  if (dpr.error || !dpr.data) return <ProblemAlert error={dpr.error} />;
  return (
    <>
      <p>
        <Link to="/data-processing">{t('common.back')}</Link>
      </p>
      <h1>{dpr.data.name}</h1>
      <DprSections dpr={dpr.data} />
      <HistorySection kind="dataProcessing" uuid={uuid} />
    </>
  );
}

function DprSections({ dpr }: { dpr: Schemas['DataProcessingRegistrationResponse'] }) {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const f = (k: string) => t(`dpr.fields.${k}`);
  const answer = (v: string | null) => (v ? t(`dpr.answers.${v}`) : '');
  const names = (list: Array<{ name: string | null }>) => list.map((x) => x.name).join(', ');
  const { general, oversight } = dpr;
  return (
    <>
      <section className="kitos-section" aria-labelledby="dpr-general">
        <h2 id="dpr-general">{t('dpr.sections.general')}</h2>
        <Facts
          items={[
            [f('dataResponsible'), general.dataResponsible?.name ?? ''],
            [f('isAgreementConcluded'), answer(general.isAgreementConcluded)],
            [f('agreementConcludedAt'), format.date(general.agreementConcludedAt)],
            [f('dataProcessors'), names(general.dataProcessors)],
            [f('hasSubDataProcessors'), answer(general.hasSubDataProcessors)],
            [f('subDataProcessors'), names(general.subDataProcessors.map((s) => s.dataProcessorOrganization))],
            [f('transferToInsecureThirdCountries'), answer(general.transferToInsecureThirdCountries)],
            [f('insecureCountries'), names(general.insecureCountriesSubjectToDataTransfer)],
            [f('basisForTransfer'), general.basisForTransfer?.name ?? ''],
            [f('responsibleUnit'), general.responsibleOrganizationUnit?.name ?? ''],
            [f('mainContract'), general.mainContract?.name ?? ''],
            [t('dpr.columns.valid'), general.valid ? t('dpr.valid') : t('dpr.invalid')],
          ]}
        />
      </section>
      <section className="kitos-section" aria-labelledby="dpr-oversight">
        <h2 id="dpr-oversight">{t('dpr.sections.oversight')}</h2>
        <Facts
          items={[
            [f('nextOversight'), <DeadlineDate key="next" day={oversight.nextOversightDate} />],
            [f('oversightInterval'), oversight.oversightInterval ? t(`dpr.intervals.${oversight.oversightInterval}`) : ''],
            [f('isOversightCompleted'), answer(oversight.isOversightCompleted)],
            [f('scheduledInspection'), format.date(oversight.oversightScheduledInspectionDate)],
            [f('oversightOptions'), names(oversight.oversightOptions)],
          ]}
        />
        <h3>{f('oversightDates')}</h3>
        {oversight.oversightDates.length === 0 ? (
          <p>{t('dpr.noOversights')}</p>
        ) : (
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col">{f('completedAt')}</th>
                <th scope="col">{f('remark')}</th>
              </tr>
            </thead>
            <tbody>
              {oversight.oversightDates.map((d) => (
                <tr key={d.uuid}>
                  <td>{format.date(d.completedAt)}</td>
                  <td>{d.remark}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="kitos-section" aria-labelledby="dpr-systems">
        <h2 id="dpr-systems">{t('dpr.sections.systems')}</h2>
        {dpr.systemUsages.length ? (
          <ul>
            {dpr.systemUsages.map((u) => (
              <li key={u.uuid}>{u.name}</li>
            ))}
          </ul>
        ) : (
          <p>{t('contracts.linkedEmpty')}</p>
        )}
      </section>
      <section className="kitos-section" aria-labelledby="dpr-contracts">
        <h2 id="dpr-contracts">{t('dpr.sections.contracts')}</h2>
        {general.associatedContracts.length ? (
          <ul>
            {general.associatedContracts.map((c) => (
              <li key={c.uuid}>
                <Link to="/contracts/$uuid" params={{ uuid: c.uuid }}>
                  {c.name}
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('contracts.linkedEmpty')}</p>
        )}
      </section>
    </>
  );
}
