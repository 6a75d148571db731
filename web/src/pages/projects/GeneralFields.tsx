import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { TextAreaField } from '../../components/FormFields';
import { fieldError } from '../../components/ProblemAlert';

export interface GeneralValues {
  name: string;
  projectId: string;
  description: string;
}

/** Name, project id and description of a project (create and edit), with the server's messages at the fields. */
export function GeneralFields({
  values,
  onChange,
  error,
}: {
  values: GeneralValues;
  onChange: (next: GeneralValues) => void;
  error: unknown;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Field
        name="name"
        label={t('projects.fields.name')}
        required
        maxLength={200}
        value={values.name}
        error={fieldError(error, 'name')}
        onChange={(e) => onChange({ ...values, name: e.target.value })}
      />
      <Field
        name="general.projectId"
        label={t('projects.fields.projectId')}
        maxLength={100}
        value={values.projectId}
        error={fieldError(error, 'general.projectId')}
        onChange={(e) => onChange({ ...values, projectId: e.target.value })}
      />
      <TextAreaField
        name="general.description"
        label={t('projects.fields.description')}
        maxLength={20000}
        value={values.description}
        error={fieldError(error, 'general.description')}
        onChange={(e) => onChange({ ...values, description: e.target.value })}
      />
    </>
  );
}
