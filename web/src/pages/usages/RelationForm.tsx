import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { Field } from '../../components/Field';
import { FormButtons } from '../../components/FormButtons';
import { SelectField, TextAreaField } from '../../components/FormFields';
import { fieldError, ProblemAlert } from '../../components/ProblemAlert';

export type Option = { value: string; label: string };
type Relation = Schemas['OutgoingSystemRelationResponse'];
export type RelationWrite = Schemas['SystemRelationWriteRequest'];

const DESCRIPTION_MAX = 1000;
const URL_MAX = 2000;

function valuesOf(relation?: Relation) {
  return {
    toSystemUsageUuid: relation?.toSystemUsage.uuid ?? '',
    relationInterfaceUuid: relation?.relationInterface?.uuid ?? '',
    relationFrequencyUuid: relation?.relationFrequency?.uuid ?? '',
    associatedContractUuid: relation?.associatedContract?.uuid ?? '',
    description: relation?.description ?? '',
    urlReference: relation?.urlReference ?? '',
  };
}
type Values = ReturnType<typeof valuesOf>;

/** The rules the API states for a relation (required target, lengths, an http(s) link), as messages per field. */
export function relationProblems(v: Values): Partial<Record<keyof Values, string>> {
  const problems: Partial<Record<keyof Values, string>> = {};
  if (!v.toSystemUsageUuid) problems.toSystemUsageUuid = 'usages.validation.required';
  if (v.description.length > DESCRIPTION_MAX) problems.description = 'usages.validation.tooLong';
  const url = v.urlReference.trim();
  if (url && (url.length > URL_MAX || !/^https?:\/\/[^\s]+$/i.test(url))) problems.urlReference = 'usages.validation.url';
  return problems;
}

/**
 * A relation from this usage to another usage of the organisation [Relation]: the target, the interface it goes through
 * (one exposed by the target's system), frequency, contract, description and a link. Checked against the API's rules
 * before it is sent; the server's problems are shown at their fields too.
 */
export function RelationForm({
  relation,
  targets,
  interfaces,
  frequencies,
  contracts,
  saving,
  error,
  onTargetChange,
  onSave,
  onCancel,
  onReload,
}: {
  relation?: Relation;
  targets: readonly Option[];
  interfaces: readonly Option[];
  frequencies: readonly Option[];
  contracts: readonly Option[];
  saving?: boolean;
  error?: unknown;
  onTargetChange?: (usageUuid: string) => void;
  onSave: (body: RelationWrite) => void;
  onCancel: () => void;
  onReload?: () => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState(() => valuesOf(relation));
  const [checked, setChecked] = useState(false);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  const problems = checked ? relationProblems(values) : {};
  const err = (key: keyof Values) =>
    problems[key] ? t(problems[key], { max: key === 'description' ? DESCRIPTION_MAX : URL_MAX }) : fieldError(error, key);
  const label = (key: string) => t(`usages.relations.${key}`);
  const choose = t('usages.general.choose');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (Object.keys(relationProblems(values)).length > 0) return;
    onSave({
      toSystemUsageUuid: values.toSystemUsageUuid,
      relationInterfaceUuid: values.relationInterfaceUuid || null,
      relationFrequencyUuid: values.relationFrequencyUuid || null,
      associatedContractUuid: values.associatedContractUuid || null,
      description: values.description.trim() || null,
      urlReference: values.urlReference.trim() || null,
    });
  };
  const heading = relation ? t('usages.relations.editHeading', { name: relation.toSystemUsage.name ?? '' }) : label('newHeading');
  return (
    <form onSubmit={submit} noValidate aria-label={heading} className="usage-subform">
      <h3>{heading}</h3>
      <ProblemAlert error={error} onReload={onReload} />
      <SelectField
        name="toSystemUsageUuid"
        label={`${label('toSystem')} (${t('usages.validation.requiredMark')})`}
        placeholder={choose}
        options={targets}
        value={values.toSystemUsageUuid}
        required
        onChange={(e) => {
          setValues((v) => ({ ...v, toSystemUsageUuid: e.target.value, relationInterfaceUuid: '' }));
          onTargetChange?.(e.target.value);
        }}
        error={err('toSystemUsageUuid')}
      />
      <SelectField
        name="relationInterfaceUuid"
        label={label('interface')}
        hint={values.toSystemUsageUuid ? undefined : label('interfaceHint')}
        placeholder={choose}
        options={interfaces}
        value={values.relationInterfaceUuid}
        onChange={(e) => set('relationInterfaceUuid', e.target.value)}
        error={err('relationInterfaceUuid')}
      />
      <SelectField
        name="relationFrequencyUuid"
        label={label('frequency')}
        placeholder={choose}
        options={frequencies}
        value={values.relationFrequencyUuid}
        onChange={(e) => set('relationFrequencyUuid', e.target.value)}
        error={err('relationFrequencyUuid')}
      />
      <SelectField
        name="associatedContractUuid"
        label={label('contract')}
        placeholder={choose}
        options={contracts}
        value={values.associatedContractUuid}
        onChange={(e) => set('associatedContractUuid', e.target.value)}
        error={err('associatedContractUuid')}
      />
      <TextAreaField
        name="description"
        label={label('description')}
        maxLength={DESCRIPTION_MAX}
        value={values.description}
        onChange={(e) => set('description', e.target.value)}
        error={err('description')}
      />
      <Field
        name="urlReference"
        type="url"
        label={label('reference')}
        hint={label('referenceHint')}
        value={values.urlReference}
        onChange={(e) => set('urlReference', e.target.value)}
        error={err('urlReference')}
      />
      <FormButtons saving={saving} onCancel={onCancel} />
    </form>
  );
}
