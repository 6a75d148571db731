import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebounced } from '../../components/useDebounced';
import { useOrganizationSearch } from './data';
import { SelectField } from './FormControls';

type Organization = { uuid: string; name: string | null };

/**
 * Choose an organisation (a supplier, a data processor) among all organisations: type part of its name or CVR, then
 * choose it in the list. The chosen one stays in the list while the search changes.
 */
export function OrganizationPicker({
  name,
  label,
  chosen,
  error,
  disabled,
  onChange,
  noneLabel,
  searchLabel,
}: {
  name: string;
  label: string;
  chosen: Organization | null;
  error?: string;
  disabled?: boolean;
  onChange: (organization: Organization | null) => void;
  /** The first choice; '' removes it (then the list starts with the results). */
  noneLabel?: string;
  /** The search field's label (default: "Søg efter <label> (navn eller CVR)"). */
  searchLabel?: string;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const search = useOrganizationSearch(useDebounced(text, 250));
  const found = (search.data ?? []).map((o) => ({ uuid: o.uuid, name: o.cvr ? `${o.name} (CVR ${o.cvr})` : o.name }));
  const options = chosen && !found.some((o) => o.uuid === chosen.uuid) ? [chosen, ...found] : found;
  return (
    <div className="kitos-form-grid">
      {!disabled && (
        <div className="form-group">
          <label className="form-label" htmlFor={`${name}-search`}>
            {searchLabel ?? t('contracts.organizationSearch', { field: label })}
          </label>
          <input id={`${name}-search`} className="form-input" type="search" value={text} onChange={(e) => setText(e.target.value)} />
        </div>
      )}
      <SelectField
        name={name}
        label={label}
        value={chosen?.uuid ?? ''}
        error={error}
        disabled={disabled}
        onChange={(e) => onChange(options.find((o) => o.uuid === e.target.value) ?? null)}
      >
        {noneLabel !== '' && <option value="">{noneLabel ?? t('contracts.none')}</option>}
        {options.map((o) => (
          <option key={o.uuid} value={o.uuid}>
            {o.name}
          </option>
        ))}
      </SelectField>
    </div>
  );
}
