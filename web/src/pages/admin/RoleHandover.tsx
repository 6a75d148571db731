import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { SelectField } from '../../components/FormFields';
import { fieldError, ProblemAlert } from '../../components/ProblemAlert';

type User = Schemas['UserResponse'];
type Handover = Schemas['RoleHandoverResponse'];
type UnitRole = Schemas['UnitRoleResponse'];
export type HandoverKind = 'copy' | 'transfer';

export interface RoleHandoverProps {
  /** The leaver, as a member of the organisation (`roles` are the roles held there). */
  leaver: User;
  /** Who may receive the roles: the organisation's other users. */
  candidates: readonly User[];
  /** The leaver's roles on organisation units (they move with the other roles). */
  unitRoles: readonly UnitRole[];
  onHandover(kind: HandoverKind, toUserUuid: string): Promise<Handover>;
}

const KIND = { copy: 'Copy', transfer: 'Transfer' } as const;

/**
 * The leaver flow [fratrædelse]: choose the successor, then copy or hand over; a confirmation lists what will move
 * before anything happens, and the result lists what the successor now holds (organisation roles and roles on objects).
 */
export function RoleHandover({ leaver, candidates, unitRoles, onHandover }: RoleHandoverProps) {
  const { t } = useTranslation();
  const [receiver, setReceiver] = useState('');
  const [pending, setPending] = useState<HandoverKind>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<{ kind: HandoverKind; to: string; result: Handover }>();
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const to = candidates.find((c) => c.uuid === receiver);
  const names = { from: leaver.name, to: to?.name ?? '' };

  useEffect(() => {
    if (pending) confirmHeading.current?.focus();
  }, [pending]);

  const ask = (kind: HandoverKind) => {
    setPending(kind);
    setDone(undefined);
    setError(undefined);
  };
  const confirm = async () => {
    if (!pending || !to) return;
    setBusy(true);
    try {
      const result = await onHandover(pending, to.uuid);
      setDone({ kind: pending, to: to.name, result });
      setPending(undefined);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="handover-heading">
      <h2 id="handover-heading">{t('admin.user.handover')}</h2>
      <p>{t('admin.user.handoverHelp', { name: leaver.name })}</p>
      <SelectField
        name="toUserUuid"
        label={t('admin.user.receiver')}
        placeholder={t('admin.units.choose')}
        options={candidates.filter((c) => c.uuid !== leaver.uuid).map((c) => ({ value: c.uuid, label: `${c.name} (${c.email})` }))}
        value={receiver}
        error={fieldError(error, 'toUserUuid')}
        onChange={(e) => {
          setReceiver(e.target.value);
          setPending(undefined);
        }}
      />
      <div className="action-bar">
        <button type="button" className="button button-secondary" disabled={!to} onClick={() => ask('copy')}>
          {t('admin.user.copy')}
        </button>
        <button type="button" className="button button-secondary" disabled={!to} onClick={() => ask('transfer')}>
          {t('admin.user.transfer')}
        </button>
      </div>

      {pending && to && (
        <div className="alert alert-warning" role="region" aria-labelledby="handover-confirm-heading">
          <div className="alert-body">
            <h3 className="alert-heading" id="handover-confirm-heading" tabIndex={-1} ref={confirmHeading}>
              {t(`admin.user.confirmTitle${KIND[pending]}`)}
            </h3>
            {leaver.roles.length === 0 && unitRoles.length === 0 ? (
              <p className="alert-text">{t('admin.user.confirmNoRoles', names)}</p>
            ) : (
              <>
                <p className="alert-text">{t(`admin.user.confirmIntro${KIND[pending]}`, names)}</p>
                <ul aria-label={t('admin.user.orgRoles')}>
                  {leaver.roles.map((role) => (
                    <li key={role}>{t(`admin.roles.${role}`)}</li>
                  ))}
                </ul>
              </>
            )}
            <p className="alert-text">{t('admin.user.confirmObjects', { verb: t(`admin.user.verb${KIND[pending]}`) })}</p>
            {unitRoles.length > 0 && (
              <>
                <p className="alert-text">{t('admin.user.confirmUnitRoles')}</p>
                <ul aria-label={t('admin.user.unitRoles')}>
                  {unitRoles.map((r) => (
                    <li key={`${r.unit.uuid}:${r.role.uuid}`}>{t('admin.user.unitRole', { unit: r.unit.name, role: r.role.name })}</li>
                  ))}
                </ul>
              </>
            )}
            <ProblemAlert error={error} />
            <div className="action-bar">
              <button type="button" className="button button-primary" disabled={busy} onClick={() => void confirm()}>
                {t('admin.user.confirm', { action: t(`admin.user.confirmAction${KIND[pending]}`) })}
              </button>
              <button type="button" className="button button-tertiary" onClick={() => setPending(undefined)}>
                {t('common.cancel')}
              </button>
            </div>
          </div>
        </div>
      )}

      {done && (
        <div className="alert alert-success" role="status">
          <div className="alert-body">
            <p className="alert-heading">{t(`admin.user.done${KIND[done.kind]}`, { to: done.to })}</p>
            <ul aria-label={t('admin.user.orgRoles')}>
              {done.result.handover.organizationRoles.map((role) => (
                <li key={role}>{t(`admin.roles.${role}`)}</li>
              ))}
            </ul>
            <p className="alert-text">{t('admin.user.doneObjects')}</p>
            {done.result.handover.objects.length === 0 ? (
              <p className="alert-text">{t('admin.user.noObjects')}</p>
            ) : (
              <table className="table table--compact">
                <thead>
                  <tr>
                    <th scope="col">{t('admin.user.objectType')}</th>
                    <th scope="col">{t('admin.user.object')}</th>
                    <th scope="col">{t('admin.user.role')}</th>
                  </tr>
                </thead>
                <tbody>
                  {done.result.handover.objects.map((object) => (
                    <tr key={object.uuid}>
                      <td>{t(`admin.objectTypes.${object.objectType}`)}</td>
                      <td>{object.name}</td>
                      <td>{object.roles.map((r) => r.roleName).join(', ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
