import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useProjectWrite } from './data';

/**
 * A part's row actions (milestone, task, risk, stakeholder, economy year): "Redigér" opens the row's form (when the
 * part can be changed), "Slet" asks first and then deletes with the project's ETag; a 412 or another problem is shown
 * by the buttons with "Hent nyeste".
 */
export function PartActions({
  projectUuid,
  name,
  editing,
  onEdit,
  remove,
  reload,
}: {
  projectUuid: string;
  /** The part as the user knows it (the buttons' accessible names say which part). */
  name: string;
  editing?: boolean;
  onEdit?: () => void;
  remove: (ifMatch: string) => Promise<unknown>;
  reload: () => void;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const removal = useProjectWrite(projectUuid, (ifMatch, _: null) => remove(ifMatch));
  return (
    <div className="project-row-actions">
      <ProblemAlert
        error={removal.error}
        onReload={() => {
          removal.reset();
          setConfirming(false);
          reload();
        }}
      />
      {confirming ? (
        <span className="button-row">
          <button type="button" className="button button-primary" disabled={removal.isPending} onClick={() => removal.mutate(null)}>
            {t('projects.parts.confirmDelete', { name })}
          </button>
          <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
            {t('common.cancel')}
          </button>
        </span>
      ) : (
        <span className="button-row">
          {onEdit && (
            <button
              type="button"
              className="button button-secondary"
              aria-expanded={!!editing}
              aria-label={t('projects.parts.editNamed', { name })}
              onClick={onEdit}
            >
              {t('common.edit')}
            </button>
          )}
          <button
            type="button"
            className="button button-secondary"
            aria-label={t('projects.removeNamed', { name })}
            onClick={() => setConfirming(true)}
          >
            {t('projects.remove')}
          </button>
        </span>
      )}
    </div>
  );
}

/**
 * The row under a part that holds its edit form, across the table's columns. The form is not keyed by the project's
 * version: it closes itself when its write went through (the project is read again first), and after a 412's
 * "Hent nyeste" what the user typed stays and the next save goes to the newest version.
 */
export function EditRow({ columns, children }: { columns: number; children: ReactNode }) {
  return (
    <tr className="project-edit-row">
      <td colSpan={columns}>{children}</td>
    </tr>
  );
}

/** Which part of a section is being edited (one at a time). */
export function useEditing() {
  const [editing, setEditing] = useState<string | null>(null);
  return {
    editing,
    toggle: (key: string) => setEditing((current) => (current === key ? null : key)),
    close: () => setEditing(null),
  };
}
