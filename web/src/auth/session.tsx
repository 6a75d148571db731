import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, connectSession, unwrap, type Schemas } from '../api/client';

const TOKEN_KEY = 'kitos.session'; // sessionStorage: the bearer token lives only as long as the tab
const ORGANIZATION_KEY = 'kitos.organization'; // localStorage: which organisation the user last worked in (no secret)

interface StoredSession {
  token: string;
  expires: string;
}

export interface Membership {
  organization: Schemas['OrganizationResponse'];
  roles: string[];
}

export interface Session {
  token: string;
  user: Schemas['UserResponse'];
  memberships: Membership[];
  /** The organisation the user works in now (chosen when they belong to several). */
  current?: Membership;
}

export interface SessionContext {
  session?: Session;
  /** True while a stored token is being checked at start-up. */
  restoring: boolean;
  /** The gateway answered 401 to a signed-in request: the page stays, a sign-in dialog asks for the password again. */
  expired: boolean;
  signIn(email: string, password: string): Promise<void>;
  /** Single sign-on: the SAML flow hands the client a session token. */
  signInWithToken(token: string, expires: string): Promise<void>;
  signOut(): void;
  chooseOrganization(uuid: string): void;
  isGlobalAdmin: boolean;
  /** The current user's roles in the current organisation. */
  hasRole(...roles: string[]): boolean;
}

const Context = createContext<SessionContext | undefined>(undefined);

function readStored(): StoredSession | undefined {
  try {
    const stored = JSON.parse(globalThis.sessionStorage?.getItem(TOKEN_KEY) ?? 'null') as StoredSession | null;
    if (stored && new Date(stored.expires).getTime() > Date.now()) return stored;
  } catch {
    /* a damaged entry is the same as none */
  }
  return undefined;
}

/** The user's uuid from the token (the `sub` claim); the token is verified by the gateway, never trusted here. */
export function subjectOf(token: string): string {
  const payload = token.split('.')[1] ?? '';
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  return (JSON.parse(json) as { sub: string }).sub;
}

async function loadSession(token: string): Promise<Session> {
  const headers = { authorization: `Bearer ${token}` };
  const user = await unwrap(api.GET('/api/v2/users/{uuid}', { params: { path: { uuid: subjectOf(token) } }, headers }));
  const byOrganization = new Map<string, string[]>();
  for (const right of user.rights)
    byOrganization.set(right.organizationUuid, [...(byOrganization.get(right.organizationUuid) ?? []), right.role]);
  const memberships = await Promise.all(
    [...byOrganization].map(async ([uuid, roles]) => ({
      organization: await unwrap(api.GET('/api/v2/organizations/{uuid}', { params: { path: { uuid } }, headers })),
      roles,
    })),
  );
  memberships.sort((a, b) => a.organization.name.localeCompare(b.organization.name, 'da'));
  const remembered = globalThis.localStorage?.getItem(ORGANIZATION_KEY);
  const current = memberships.find((m) => m.organization.uuid === remembered) ?? (memberships.length === 1 ? memberships[0] : undefined);
  return { token, user, memberships, current };
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const [session, setSession] = useState<Session>();
  const [restoring, setRestoring] = useState(() => readStored() !== undefined);
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    connectSession({ token: () => session?.token, onExpired: () => setExpired(true), language: () => i18n.language });
  }, [session, i18n]);

  const establish = useCallback(async (token: string, expires: string) => {
    const next = await loadSession(token);
    globalThis.sessionStorage?.setItem(TOKEN_KEY, JSON.stringify({ token, expires } satisfies StoredSession));
    setSession((previous) => ({
      ...next,
      current: next.memberships.find((m) => m.organization.uuid === previous?.current?.organization.uuid) ?? next.current,
    }));
    setExpired(false);
  }, []);

  useEffect(() => {
    const stored = readStored();
    if (!stored) return;
    establish(stored.token, stored.expires)
      .catch(() => globalThis.sessionStorage?.removeItem(TOKEN_KEY))
      .finally(() => setRestoring(false));
  }, [establish]);

  const value = useMemo<SessionContext>(
    () => ({
      session,
      restoring,
      expired,
      async signIn(email, password) {
        const { token, expires } = await unwrap(api.POST('/api/v2/auth/login', { body: { email, password } }));
        await establish(token, expires);
      },
      signInWithToken: establish,
      signOut() {
        globalThis.sessionStorage?.removeItem(TOKEN_KEY);
        setSession(undefined);
        setExpired(false);
      },
      chooseOrganization(uuid) {
        globalThis.localStorage?.setItem(ORGANIZATION_KEY, uuid);
        setSession((s) => s && { ...s, current: s.memberships.find((m) => m.organization.uuid === uuid) });
      },
      isGlobalAdmin: session?.user.isGlobalAdmin ?? false,
      hasRole: (...roles) => (session?.user.isGlobalAdmin ?? false) || (session?.current?.roles.some((r) => roles.includes(r)) ?? false),
    }),
    [session, restoring, expired, establish],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useSession(): SessionContext {
  const context = useContext(Context);
  if (!context) throw new Error('useSession outside SessionProvider');
  return context;
}

/** For pages inside the signed-in shell: the session and the current organisation are there. */
export function useSignedIn(): Session & { current: Membership } {
  const { session } = useSession();
  if (!session?.current) throw new Error('useSignedIn outside the signed-in shell');
  return session as Session & { current: Membership };
}
