import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session';
import { SystemForm } from './SystemForm';

/** `/catalog/new`: a global administrator registers an IT system in the catalogue. */
export function NewSystemPage() {
  const { t } = useTranslation();
  const { isGlobalAdmin } = useSession();
  if (!isGlobalAdmin) return <p>{t('errors.forbidden')}</p>;
  return (
    <>
      <h1>{t('catalog.newTitle')}</h1>
      <SystemForm />
    </>
  );
}
