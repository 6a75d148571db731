import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from '@tanstack/react-router';
import { useSession } from '../../auth/session';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Spinner } from '../../components/Spinner';

/** Only paths of this client, never another site. */
export function safeRedirect(redirect: string | null | undefined): string {
  return redirect?.startsWith('/') && !redirect.startsWith('//') ? redirect : '/';
}

/**
 * Where the SAML flow ends: the gateway's assertion consumer answers 303 to `/sso#token=…&expires=…`. The token is in the
 * fragment (never sent to a server or written to an access log); this page takes it, removes it from the address and
 * history at once, signs in with it and goes on to where the user was going (`?redirect=`).
 */
export function SsoPage() {
  const { t } = useTranslation();
  const { signInWithToken } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>();
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const fragment = new URLSearchParams(window.location.hash.slice(1));
    const redirect = safeRedirect(new URLSearchParams(window.location.search).get('redirect'));
    window.history.replaceState(null, '', window.location.pathname);
    const token = fragment.get('token');
    const expires = fragment.get('expires');
    if (!token || !expires) {
      setError(new Error(t('auth.ssoMissing')));
      return;
    }
    signInWithToken(token, expires)
      .then(() => navigate({ to: redirect, replace: true }))
      .catch(setError);
  }, [signInWithToken, navigate, t]);
  return (
    <main id="main-content" className="container page-container">
      <h1>{t('auth.title')}</h1>
      {error ? (
        <>
          <ProblemAlert error={error} />
          <Link to="/login">{t('auth.backToSignIn')}</Link>
        </>
      ) : (
        <Spinner />
      )}
    </main>
  );
}
