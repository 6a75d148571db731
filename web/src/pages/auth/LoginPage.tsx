import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { Field } from '../../components/Field';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { useSession } from '../../auth/session';
import { safeRedirect } from './SsoPage';

/** The sign-in form; used as a page and, when a session expires, inside the dialog over the page the user was on. */
export function SignInForm({ onSignedIn }: { onSignedIn?: () => void }) {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(email.trim(), password);
      onSignedIn?.();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-busy={busy}>
      <ProblemAlert error={error} />
      <Field
        name="email"
        label={t('auth.email')}
        type="email"
        autoComplete="username"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <Field
        name="password"
        label={t('auth.password')}
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <button type="submit" className="button button-primary" disabled={busy}>
        {t('auth.submit')}
      </button>
    </form>
  );
}

/**
 * One button per configured SAML identity provider: a full-page navigation to the gateway's login, which returns to this
 * client's /sso page (with where the user was going) once the identity provider has signed them in.
 */
export function SingleSignOn({ redirect }: { redirect?: string }) {
  const { t } = useTranslation();
  const providers = useQuery({
    queryKey: ['saml-identity-providers'],
    queryFn: () => unwrap(api.GET('/api/v2/auth/saml')),
    staleTime: 5 * 60_000,
  });
  const list = providers.data?.identityProviders ?? [];
  if (!list.length) return null;
  const returnTo = `${window.location.origin}/sso?redirect=${encodeURIComponent(safeRedirect(redirect))}`;
  return (
    <section className="kitos-sso" aria-labelledby="sso-heading">
      <h2 id="sso-heading" className="h3">
        {t('auth.ssoHeading')}
      </h2>
      <ul className="nobullet-list">
        {list.map((idp) => (
          <li key={idp.id}>
            <a
              className="button button-secondary"
              href={`/api/v2/auth/saml/${encodeURIComponent(idp.id)}/login?returnTo=${encodeURIComponent(returnTo)}`}
            >
              {list.length === 1 ? t('auth.ssoButton') : t('auth.ssoButtonWith', { name: idp.displayName })}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { redirect } = useSearch({ strict: false }) as { redirect?: string };
  const { session } = useSession();
  // once signed in (here, or already), go where the user was going; only paths of this client, never another site
  useEffect(() => {
    if (session) void navigate({ to: safeRedirect(redirect), replace: true });
  }, [session, redirect, navigate]);
  return (
    <main id="main-content" className="container page-container">
      <div className="row">
        <div className="col-12 col-md-6">
          <h1>{t('auth.title')}</h1>
          <SignInForm />
          <SingleSignOn redirect={redirect} />
        </div>
      </div>
    </main>
  );
}
