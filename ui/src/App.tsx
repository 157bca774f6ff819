// The app: the open store for the window, the current area (and page inside it), the kill switch's
// state and the toasts around them.

import { useEffect, useRef } from 'react';
import { areaById } from './areas';
import { Shell } from './Shell';
import { GuardrailDefaultsCard } from './components/GuardrailDefaultsCard';
import { RolloutBanner } from './components/RolloutBanner';
import { ErrorState, LoadingState } from './components/States';
import { ToastProvider, useToast } from './components/Toast';
import { AuditPage } from './pages/Audit';
import { ComingPage } from './pages/Coming';
import { CopyArea } from './pages/Copy';
import { CustomersArea } from './pages/Customers';
import { EmailSendingPage } from './pages/EmailSending';
import { FlowsArea } from './pages/Flows';
import { HomePage } from './pages/Home';
import { MappingPage } from './pages/Mapping';
import { MeasurementArea } from './pages/Measurement';
import { ModelHealthPage } from './pages/ModelHealth';
import { RolloutPage } from './pages/Rollout';
import { StoresPage } from './pages/Stores';
import { KillSwitchProvider } from './killSwitch';
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
  const [route, navigate] = useHashRoute();
  const { area, path } = route;
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
  const onRolloutPage = area === 'home' && path[0] === 'rollout';
  // Home shows today's step in its own card; the panel sits above every other area.
  const showBanner = !onRolloutPage && !(area === 'home' && path.length === 0);

  return (
    <KillSwitchProvider enabled={ready?.store != null}>
      <Shell
        area={area}
        page={path.join('/')}
        onNavigate={navigate}
        store={ready?.store ?? null}
        version={ready?.status.version ?? null}
      >
        {ready?.store && showBanner ? <RolloutBanner page={`${area}/${path.join('/')}`} navigate={navigate} /> : null}
        {area === 'home' && ready?.store && onRolloutPage ? (
          <RolloutPage store={ready.store} navigate={navigate} />
        ) : area === 'home' && ready?.store && path[0] === 'map' ? (
          <MappingPage store={ready.store} navigate={navigate} />
        ) : area === 'home' ? (
          <HomePage session={session} onRetrySession={retry} onNavigate={navigate} />
        ) : area === 'customers' && ready?.store ? (
          <CustomersArea store={ready.store} path={path} navigate={navigate} />
        ) : area === 'data' && ready?.store && path[0] === 'health' ? (
          <ModelHealthPage store={ready.store} navigate={navigate} />
        ) : area === 'data' && ready?.store ? (
          <AuditPage store={ready.store} onStoreChanged={refresh} navigate={navigate} />
        ) : area === 'connections' && ready?.store && path[0] === 'stores' ? (
          <StoresPage store={ready.store} navigate={navigate} onStoreChanged={refresh} />
        ) : area === 'connections' && ready?.store ? (
          <EmailSendingPage store={ready.store} dataDir={ready.status.data_dir} navigate={navigate} />
        ) : area === 'flows' && ready?.store ? (
          <FlowsArea store={ready.store} path={path} navigate={navigate} />
        ) : area === 'measurement' && ready?.store ? (
          <MeasurementArea store={ready.store} path={path} navigate={navigate} />
        ) : area === 'copy' && ready?.store ? (
          <CopyArea store={ready.store} navigate={navigate} />
        ) : (area === 'customers' ||
            area === 'data' ||
            area === 'connections' ||
            area === 'flows' ||
            area === 'copy' ||
            area === 'measurement') &&
          !ready ? (
          <div className="page">
            <h1>{areaById(area).label}</h1>
            {session.phase === 'error' ? (
              <ErrorState title="Storeloop couldn't open your store" error={session.error} onRetry={retry} />
            ) : (
              <LoadingState title="Opening your store…" />
            )}
          </div>
        ) : (
          <ComingPage area={areaById(area)} status={ready?.status ?? null} onNavigate={navigate}>
            {area === 'settings' ? <GuardrailDefaultsCard navigate={navigate} /> : null}
          </ComingPage>
        )}
      </Shell>
    </KillSwitchProvider>
  );
}
