// The name the owner reviews copy under, remembered on this computer (the webview's localStorage) so
// it need not be typed for every decision. Only a convenience: the core records the name sent with
// each decision, and storage that is switched off or full just means typing it again.

import { useState } from 'react';

/** The localStorage key of the name. */
export const REVIEWER_NAME_KEY = 'storeloop.reviewer-name';

function storage(): Storage | null {
  try {
    return typeof window !== 'undefined' ? window.localStorage : null;
  } catch {
    return null;
  }
}

export function loadReviewerName(): string {
  try {
    return storage()?.getItem(REVIEWER_NAME_KEY) ?? '';
  } catch {
    return '';
  }
}

export function saveReviewerName(name: string): void {
  try {
    const s = storage();
    if (!s) return;
    if (name.trim() === '') s.removeItem(REVIEWER_NAME_KEY);
    else s.setItem(REVIEWER_NAME_KEY, name);
  } catch {
    // Not remembered: the field still holds it for this session.
  }
}

/** The name as typed, and a setter that also remembers it. */
export function useReviewerName(): [string, (name: string) => void] {
  const [name, setName] = useState(loadReviewerName);
  return [
    name,
    (next: string) => {
      setName(next);
      saveReviewerName(next);
    },
  ];
}
