// The app: the open store for the window, the current area, and the toasts around them.

import { useEffect, useRef } from 'react';
import { areaById } from './areas';
import { Shell } from './Shell';
import { ToastProvider, useToast } from './components/Toast';
import { AuditPage } from './pages/Audit';
import { ComingPage } from './pages/Coming';
import { PrivacyCard } from './components/PrivacyCard';
import { HomePage } from './pages/Home';
import { useStoreSession } from './session';
import { useHashRoute } from './useHashRoute';

export function App() {
  return (
    <ToastProvider>
      <AppBody />
    </ToastProvider>
  );
}

function AppBody() {
  const { session, retry, refresh } = useStoreSession();
  const [area, navigate] = useHashRoute();
  const toast = useToast();
  const announced = useRef(false);

  useEffect(() => {
    if (session.phase === 'ready' && session.createdNow && !announced.current) {
      announced.current = true;
      toast.show({
        tone: 'success',
        text: 'The demo store is ready. Its customers and orders are made up, so explore freely.',
      });
    }
  }, [session, toast]);

  const ready = session.phase === 'ready' ? session : null;

  return (
    <Shell
      area={area}
      onNavigate={navigate}
      store={ready?.store ?? null}
      version={ready?.status.version ?? null}
    >
      {area === 'home' ? (
        <HomePage session={session} onRetrySession={retry} onNavigate={navigate} />
      ) : area === 'data' && ready?.store ? (
        <AuditPage store={ready.store} onStoreChanged={refresh} />
      ) : (
        <ComingPage area={areaById(area)} status={ready?.status ?? null} onNavigate={navigate}>
          {area === 'customers' && ready ? <PrivacyCard /> : null}
        </ComingPage>
      )}
    </Shell>
  );
}
