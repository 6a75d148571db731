import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { Field } from '../../components/Field';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useSession } from '../../auth/session';

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

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { redirect } = useSearch({ strict: false }) as { redirect?: string };
  const { session } = useSession();
  // once signed in (here, or already), go where the user was going; only paths of this client, never another site
  useEffect(() => {
    if (session) void navigate({ to: redirect?.startsWith('/') && !redirect.startsWith('//') ? redirect : '/', replace: true });
  }, [session, redirect, navigate]);
  return (
    <main id="main-content" className="container page-container">
      <div className="row">
        <div className="col-12 col-md-6">
          <h1>{t('auth.title')}</h1>
          <SignInForm />
        </div>
      </div>
    </main>
  );
}
