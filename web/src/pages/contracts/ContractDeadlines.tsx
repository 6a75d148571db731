import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { formatters } from '../../i18n';
import { danishToday, NEAR_DAYS, urgencyOf } from './terms';

/** A deadline's date with a badge in words when it is near or passed (never colour alone). */
export function DeadlineDate({ day, today = danishToday() }: { day: string | null | undefined; today?: string }) {
  const { t, i18n } = useTranslation();
  if (!day) return <>{t('contracts.none')}</>;
  const urgency = urgencyOf(day, today);
  return (
    <span className="kitos-deadline">
      <time dateTime={day}>{formatters(i18n.language).date(day)}</time>
      {urgency === 'soon' && <span className="badge badge-warning">{t('contracts.urgency.soon', { days: NEAR_DAYS })}</span>}
      {urgency === 'overdue' && <span className="badge badge-error">{t('contracts.urgency.overdue')}</span>}
    </span>
  );
}

const ORDER = ['noticeDeadline', 'endIfNoticeToday', 'irrevocableUntil', 'nextExtensionOptionDate', 'terminationEffectiveDate'] as const;

/** The deadlines the server derives from the terms (notice, end, irrevocable period, options), each with its badge. */
export function ContractDeadlines({ deadlines, today }: { deadlines: Schemas['ContractDeadlinesResponse']; today?: string }) {
  const { t } = useTranslation();
  const present = ORDER.filter((key) => deadlines[key]);
  if (!present.length) return <p>{t('contracts.deadlines.none')}</p>;
  return (
    <dl className="kitos-facts" aria-label={t('contracts.sections.deadlines')}>
      {present.map((key) => (
        <div key={key} className="kitos-fact" data-deadline={key}>
          <dt>{t(`contracts.deadlines.${key}`)}</dt>
          <dd>
            <DeadlineDate day={deadlines[key]} today={today} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
