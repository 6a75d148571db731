import { createRootRouteWithContext, createRoute, Outlet, redirect } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useSession, type SessionContext } from '../auth/session';
import { LoginPage } from '../pages/auth/LoginPage';
import { OrganizationChooser } from '../pages/auth/OrganizationChooser';
import { SessionExpiredDialog } from '../pages/auth/SessionExpiredDialog';
import { SsoPage } from '../pages/auth/SsoPage';
import { Layout } from './Layout';

/** The router sees the session (main.tsx passes it and re-evaluates the routes when it changes). */
export interface RouterContext {
  session: SessionContext;
}

export const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: () => (
    <>
      <Outlet />
      <SessionExpiredDialog />
    </>
  ),
  notFoundComponent: NotFound,
});

function NotFound() {
  const { t } = useTranslation();
  return <p>{t('errors.notFound')}</p>;
}

/** Every page below needs a session and a current organisation; without one the user signs in first and comes back. */
function SignedInShell() {
  const { session } = useSession();
  if (!session) return null; // signed out this moment: the route's guard sends the user to /login
  if (!session.current) return <OrganizationChooser />;
  return (
    <Layout>
      <Outlet />
    </Layout>
  );
}

export const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  component: LoginPage,
  validateSearch: (search: Record<string, unknown>): { redirect?: string } =>
    typeof search.redirect === 'string' ? { redirect: search.redirect } : {},
});

/** The end of SAML single sign-on: the token arrives in the URL fragment (see SsoPage). */
export const ssoRoute = createRoute({ getParentRoute: () => rootRoute, path: '/sso', component: SsoPage });

/** Parent of every signed-in page; areas add their routes with `getParentRoute: () => shellRoute`. */
export const shellRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'shell',
  beforeLoad: ({ context, location }) => {
    if (!context.session.session) throw redirect({ to: '/login', search: { redirect: location.href }, replace: true });
  },
  component: SignedInShell,
});
