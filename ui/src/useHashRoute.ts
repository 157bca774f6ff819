// Which area is shown, kept in the location hash ("#/customers") so back/forward and reloads work.

import { useCallback, useEffect, useState } from 'react';
import { areaFromHash, hashFor } from './areas';
import type { AreaId } from './areas';

export function useHashRoute(): [AreaId, (id: AreaId) => void] {
  const [area, setArea] = useState<AreaId>(() => areaFromHash(window.location.hash));

  useEffect(() => {
    const onChange = () => setArea(areaFromHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);

  const go = useCallback((id: AreaId) => {
    if (window.location.hash !== hashFor(id)) window.location.hash = hashFor(id);
    setArea(id);
  }, []);

  return [area, go];
}
