import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/FormFields';
import { fieldError, ProblemAlert } from '../../components/ProblemAlert';
import { buildTree, moveTargets, type Unit, type UnitNode } from './unit-tree';

type Action = { uuid: string; kind: 'rename' | 'move' | 'delete' };

export interface UnitTreeProps {
  units: readonly Unit[];
  /** Each returns when the server accepted the change; a rejection keeps the form open with the error shown. */
  onRename(unit: Unit, name: string): Promise<unknown>;
  onMove(unit: Unit, parentUuid: string): Promise<unknown>;
  onDelete(unit: Unit): Promise<unknown>;
  onShowRoles(unit: Unit): void;
  /** Reads the units again after a 412 (someone else changed the tree since it was read): "Hent nyeste". */
  onReload?(): void;
  selectedUuid?: string;
}

/**
 * The organisation's units as an editable tree [organisationsenheder]: nested lists (screen readers announce the
 * level), and for each unit rename, "move to …" (a select of the allowed new parents, so that moving needs no drag and
 * drop), delete and its roles. One action form is open at a time; the server's problem stays beside it.
 */
export function UnitTree({ units, onRename, onMove, onDelete, onShowRoles, onReload, selectedUuid }: UnitTreeProps) {
  const { t } = useTranslation();
  const [action, setAction] = useState<Action>();
  const [value, setValue] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const open = (next: Action, initial: string) => {
    setAction(next);
    setValue(initial);
    setError(undefined);
  };
  const reload = onReload
    ? () => {
        setError(undefined);
        onReload();
      }
    : undefined;
  const run = async (event: FormEvent, change: () => Promise<unknown>) => {
    event.preventDefault();
    setBusy(true);
    try {
      await change();
      setAction(undefined);
      setError(undefined);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const renderForm = (unit: Unit) => {
    if (action?.uuid !== unit.uuid) return null;
    const cancel = (
      <button type="button" className="button button-tertiary" onClick={() => setAction(undefined)}>
        {t('common.cancel')}
      </button>
    );
    if (action.kind === 'rename')
      return (
        <form className="unit-action" onSubmit={(e) => void run(e, () => onRename(unit, value.trim()))} aria-busy={busy} noValidate>
          <ProblemAlert error={error} onReload={reload} />
          <Field
            name="rename.name"
            label={t('admin.units.renameLabel', { name: unit.name })}
            value={value}
            maxLength={100}
            required
            error={fieldError(error, 'name')}
            onChange={(e) => setValue(e.target.value)}
          />
          <div className="action-bar">
            <button type="submit" className="button button-primary" disabled={busy || !value.trim()}>
              {t('common.save')}
            </button>
            {cancel}
          </div>
        </form>
      );
    if (action.kind === 'move') {
      const targets = moveTargets(units, unit.uuid);
      return (
        <form className="unit-action" onSubmit={(e) => void run(e, () => onMove(unit, value))} aria-busy={busy} noValidate>
          <ProblemAlert error={error} onReload={reload} />
          <SelectField
            name="move.parentUuid"
            label={t('admin.units.moveLabel', { name: unit.name })}
            placeholder={t('admin.units.moveChoose')}
            options={targets.map((node) => ({ value: node.unit.uuid, label: `${'– '.repeat(node.depth)}${node.unit.name}` }))}
            value={value}
            error={fieldError(error, 'parentUuid')}
            onChange={(e) => setValue(e.target.value)}
          />
          <div className="action-bar">
            <button type="submit" className="button button-primary" disabled={busy || !value}>
              {t('admin.units.moveSubmit')}
            </button>
            {cancel}
          </div>
        </form>
      );
    }
    return (
      <form className="unit-action" onSubmit={(e) => void run(e, () => onDelete(unit))} aria-busy={busy}>
        <ProblemAlert error={error} onReload={reload} />
        <p>{t('admin.units.deleteConfirm', { name: unit.name })}</p>
        <div className="action-bar">
          <button type="submit" className="button button-primary" disabled={busy}>
            {t('admin.units.delete')}
          </button>
          {cancel}
        </div>
      </form>
    );
  };

  const renderNode = (node: UnitNode) => {
    const { unit } = node;
    const isRoot = !unit.parentOrganizationUnit;
    return (
      <li key={unit.uuid} className={`unit-node${selectedUuid === unit.uuid ? ' unit-node--selected' : ''}`}>
        <div className="unit-row">
          <span className="unit-name">
            {unit.name}
            {unit.unitId && <span className="badge unit-badge">{unit.unitId}</span>}
            {isRoot && <span className="badge unit-badge">{t('admin.units.root')}</span>}
          </span>
          <span className="unit-buttons" role="group" aria-label={t('admin.units.actionsFor', { name: unit.name })}>
            <button type="button" className="button button-tertiary" onClick={() => open({ uuid: unit.uuid, kind: 'rename' }, unit.name)}>
              {t('admin.units.rename')}
            </button>
            {!isRoot && (
              <button type="button" className="button button-tertiary" onClick={() => open({ uuid: unit.uuid, kind: 'move' }, '')}>
                {t('admin.units.move')}
              </button>
            )}
            <button
              type="button"
              className="button button-tertiary"
              aria-pressed={selectedUuid === unit.uuid}
              onClick={() => onShowRoles(unit)}
            >
              {t('admin.units.showRoles')}
            </button>
            {!isRoot && (
              <button type="button" className="button button-tertiary" onClick={() => open({ uuid: unit.uuid, kind: 'delete' }, '')}>
                {t('admin.units.delete')}
              </button>
            )}
          </span>
        </div>
        {renderForm(unit)}
        {node.children.length > 0 && <ul className="unit-tree">{node.children.map(renderNode)}</ul>}
      </li>
    );
  };

  return <ul className="unit-tree unit-tree--top">{buildTree(units).map(renderNode)}</ul>;
}
