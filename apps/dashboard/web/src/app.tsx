// Sign-in first; once signed in, every view has its own URL under one layout.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { HttpContext } from './api/api-context';
import { createHttp } from './api/http';
import { Layout } from './components/layout';
import { forgetSession, onSignInLink, restoreSession, type Session } from './session/session';
import { SessionContext } from './session/session-context';
import { AtRiskView } from './views/at-risk-view';
import { BoardView } from './views/board-view';
import { ExitLessonsView } from './views/exit-lessons-view';
import { NewRelationshipView } from './views/new-relationship-view';
import { NoticeView } from './views/notice-view';
import { ParetoView } from './views/pareto-view';
import { PolicyView } from './views/policy-view';
import { RelationshipView } from './views/relationship-view';
import { SignInView } from './views/sign-in-view';
import { TodayView } from './views/today-view';
import { WebhooksView } from './views/webhooks-view';

export function App() {
  const [session, setSession] = useState<Session | null>(() => restoreSession());
  const [notice, setNotice] = useState<string | null>(null);
  const signOut = useCallback((why?: string) => {
    forgetSession();
    setSession(null);
    setNotice(why ?? 'You are signed out.');
  }, []);
  useEffect(() => onSignInLink((next) => { setNotice(null); setSession(next); }), []);
  if (!session) return <SignInView notice={notice} onSignedIn={setSession} />;
  return <SignedIn key={session.token} session={session} signOut={signOut} />;
}

function SignedIn({ session, signOut }: { session: Session; signOut(why?: string): void }) {
  const queryClient = useMemo(() => new QueryClient({ defaultOptions: { queries: { staleTime: 5_000, refetchOnWindowFocus: true } } }), []);
  const http = useMemo(() => createHttp(session.token, () => signOut('Your sign-in has expired or is not valid. Sign in again.')), [session.token, signOut]);
  const controls = useMemo(() => ({ session, signOut: () => signOut() }), [session, signOut]);
  return (
    <SessionContext.Provider value={controls}>
      <HttpContext.Provider value={http}>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <Routes>
              <Route element={<Layout />}>
                <Route index element={<Navigate to="/today" replace />} />
                <Route path="today" element={<TodayView />} />
                <Route path="board" element={<BoardView />} />
                <Route path="relationships/new" element={<NewRelationshipView />} />
                <Route path="at-risk" element={<AtRiskView />} />
                <Route path="relationships/:id" element={<RelationshipView />} />
                <Route path="notice" element={<NoticeView />} />
                <Route path="pareto" element={<ParetoView />} />
                <Route path="exit-lessons" element={<ExitLessonsView />} />
                <Route path="policy" element={<PolicyView />} />
                <Route path="webhooks" element={<WebhooksView />} />
                <Route path="*" element={<p role="alert">There is no such page. Choose a view above.</p>} />
              </Route>
            </Routes>
          </BrowserRouter>
        </QueryClientProvider>
      </HttpContext.Provider>
    </SessionContext.Provider>
  );
}
