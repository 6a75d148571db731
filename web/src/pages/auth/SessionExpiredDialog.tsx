import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session';
import { SignInForm } from './LoginPage';

/**
 * Shown over the current page when the gateway answers 401 to a signed-in request: the page (and whatever the user
 * typed into its forms) stays mounted underneath; after signing in again the user goes on where they were.
 */
export function SessionExpiredDialog() {
  const { t } = useTranslation();
  const { expired } = useSession();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (expired && !element.open) element.showModal?.();
    if (!expired && element.open) element.close();
  }, [expired]);
  return (
    <dialog ref={dialog} className="modal" aria-labelledby="session-expired-title" onCancel={(e) => e.preventDefault()}>
      <div className="modal-content">
        <h2 id="session-expired-title" className="modal-title">
          {t('auth.title')}
        </h2>
        <p>{t('auth.expired')}</p>
        {expired && <SignInForm />}
      </div>
    </dialog>
  );
}
