import { useEffect } from 'react';
import { RouterProvider } from '@tanstack/react-router';
import { useSession } from '../auth/session';
import { Spinner } from '../components/Spinner';
import { router } from './router';

/** The router with the session as its context; routes are re-checked whenever the user signs in or out. */
export function App() {
  const session = useSession();
  useEffect(() => {
    void router.invalidate();
  }, [session.session]);
  if (session.restoring) return <Spinner />;
  return <RouterProvider router={router} context={{ session }} />;
}
