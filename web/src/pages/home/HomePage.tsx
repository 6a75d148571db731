import { useTranslation } from 'react-i18next';
import { useSignedIn } from '../../auth/session';

export function HomePage() {
  const { t } = useTranslation();
  const { current } = useSignedIn();
  return (
    <>
      <h1>{t('home.title')}</h1>
      <p>{t('home.intro', { organization: current.organization.name })}</p>
    </>
  );
}
