import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, unwrap, unwrapWithEtag, type Schemas } from '../../api/client';
import { useSignedIn } from '../../auth/session';
import { Field } from '../../components/Field';
import { CheckboxGroup } from '../../components/FormFields';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SavedNotice } from '../../components/SavedNotice';
import { Spinner } from '../../components/Spinner';
import { formatters } from '../../i18n';
import { SettingsFrame } from './SettingsFrame';

type Settings = Schemas['ReminderSettingsResponse'];
type Deadline = Settings['deadlines'][number];
const DEADLINES: Deadline[] = [
  'ContractNoticeDeadline',
  'ContractIrrevocableUntil',
  'ContractExtensionOption',
  'DataProcessingOversight',
  'ArchiveDelivery',
];
/** The objects whose deadlines are reminded of: their role types may receive the reminders. */
const OBJECT_TYPES = new Set(['ItContract', 'DataProcessingRegistration', 'ItSystemUsage']);

interface Draft {
  enabled: boolean;
  emails: string;
  roleUuids: string[];
  leadDays: string;
  deadlines: string[];
}

const draftOf = (s: Settings): Draft => ({
  enabled: s.enabled,
  emails: s.to.emails.join(', '),
  roleUuids: s.to.roleUuids,
  leadDays: s.leadDays.join(', '),
  deadlines: s.deadlines,
});

const list = (text: string) =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

/** Reminder settings [Advis-indstillinger]: the organisation's automatic deadline reminders. */
export function ReminderSettingsPage() {
  const { t } = useTranslation();
  return (
    <SettingsFrame title={t('adminSettings.reminders.title')} audience="localAdmin">
      <ReminderSettingsForm />
    </SettingsFrame>
  );
}

function ReminderSettingsForm() {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const { current } = useSignedIn();
  const organizationUuid = current.organization.uuid;
  const queries = useQueryClient();
  const key = ['reminder-settings', organizationUuid];
  const settings = useQuery({
    queryKey: key,
    queryFn: () =>
      unwrapWithEtag(api.GET('/api/v2/organizations/{organizationUuid}/reminder-settings', { params: { path: { organizationUuid } } })),
  });
  const roles = useQuery({
    queryKey: ['role-types', organizationUuid],
    queryFn: () => unwrap(api.GET('/api/v2/organizations/{organizationUuid}/role-types', { params: { path: { organizationUuid } } })),
  });
  const [draft, setDraft] = useState<Draft>();
  const [leadDaysInvalid, setLeadDaysInvalid] = useState(false);
  useEffect(() => {
    if (settings.data) setDraft(draftOf(settings.data.data));
  }, [settings.data]);
  const save = useMutation({
    mutationFn: (body: Schemas['ReminderSettingsRequest']) =>
      unwrapWithEtag(
        api.PUT('/api/v2/organizations/{organizationUuid}/reminder-settings', {
          params: { path: { organizationUuid }, header: { 'If-Match': settings.data?.etag ?? undefined } },
          body,
        }),
      ),
    onSuccess: (saved) => queries.setQueryData(key, saved),
  });
  // after a 412: read the settings someone else saved, and start over from them
  const reload = () => {
    save.reset();
    void settings.refetch();
  };
  const r = (k: string, options: Record<string, unknown> = {}) => t(`adminSettings.reminders.${k}`, options);
  if (settings.error) return <ProblemAlert error={settings.error} />;
  if (settings.isPending || !draft) return <Spinner />;
  const lastModified = settings.data.data.lastModified;
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft({ ...draft, [k]: v });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const leadDays = list(draft.leadDays);
    const invalid = leadDays.some((day) => !/^\d+$/.test(day));
    setLeadDaysInvalid(invalid);
    if (invalid) return;
    save.mutate({
      enabled: draft.enabled,
      to: { emails: list(draft.emails), roleUuids: draft.roleUuids },
      leadDays: leadDays.map(Number),
      deadlines: draft.deadlines as Deadline[],
    });
  };
  const roleOptions = (roles.data ?? [])
    .filter((role) => OBJECT_TYPES.has(role.objectType) && role.isEnabled && role.isLocallyEnabled)
    .map((role) => ({ value: role.uuid, label: `${role.name} (${r(`objectType.${role.objectType}`)})` }));
  /** The server's message for a field or one of its entries (`to.emails`, `to.emails[1]`, `to.emails.1`). */
  const problem = (field: string) =>
    save.error instanceof ApiError
      ? save.error.problem.errors?.find((e) => e.field === field || e.field.startsWith(`${field}[`) || e.field.startsWith(`${field}.`))
          ?.message
      : undefined;
  return (
    <>
      <p>{r('intro')}</p>
      <form onSubmit={submit} noValidate aria-busy={save.isPending}>
        <SavedNotice show={save.isSuccess} message={t('adminSettings.saved')} />
        <ProblemAlert error={save.error} onReload={reload} />
        <div className="form-group-checkbox">
          <input
            id="field-enabled"
            className="form-checkbox"
            type="checkbox"
            checked={draft.enabled}
            onChange={(e) => set('enabled', e.target.checked)}
          />
          <label htmlFor="field-enabled">{r('enabled')}</label>
        </div>
        <Field
          name="to.emails"
          label={r('emails')}
          hint={r('emailsHint')}
          value={draft.emails}
          error={problem('to.emails')}
          onChange={(e) => set('emails', e.target.value)}
        />
        {roles.error ? (
          <ProblemAlert error={roles.error} />
        ) : roleOptions.length === 0 ? (
          <p>{r('noRoles')}</p>
        ) : (
          <CheckboxGroup
            name="to.roleUuids"
            legend={r('roles')}
            options={roleOptions}
            value={draft.roleUuids}
            error={problem('to.roleUuids')}
            onChange={(next) => set('roleUuids', next)}
          />
        )}
        <Field
          name="leadDays"
          label={r('leadDays')}
          hint={r('leadDaysHint')}
          inputMode="numeric"
          value={draft.leadDays}
          error={leadDaysInvalid ? r('leadDaysInvalid') : problem('leadDays')}
          onChange={(e) => set('leadDays', e.target.value)}
        />
        <CheckboxGroup
          name="deadlines"
          legend={r('deadlines')}
          options={DEADLINES.map((d) => ({ value: d, label: r(`deadline.${d}`) }))}
          value={draft.deadlines}
          error={problem('deadlines')}
          onChange={(next) => set('deadlines', next)}
        />
        <p>{lastModified ? r('lastChanged', { at: format.dateTime(lastModified) }) : r('defaults')}</p>
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {t('common.save')}
        </button>
      </form>
    </>
  );
}
