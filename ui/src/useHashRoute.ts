// Which area (and which page inside it) is shown, kept in the location hash ("#/customers/42")
// so back/forward and reloads work.

import { useCallback, useEffect, useState } from 'react';
import { hashFor, routeFromHash } from './areas';
import type { AreaId, Route } from './areas';

export type Navigate = (id: AreaId, ...path: string[]) => void;

export function useHashRoute(): [Route, Navigate] {
  const [route, setRoute] = useState<Route>(() => routeFromHash(window.location.hash));

  useEffect(() => {
    const onChange = () => setRoute(routeFromHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);

  const go = useCallback<Navigate>((id, ...path) => {
    const hash = hashFor(id, ...path);
    if (window.location.hash !== hash) window.location.hash = hash;
    setRoute({ area: id, path });
  }, []);

  return [route, go];
}
