// Small line icons drawn for Storeloop (16px grid, stroke follows the text colour).

import type { ReactElement } from 'react';

export type IconName =
  | 'home'
  | 'customers'
  | 'flows'
  | 'copy'
  | 'measurement'
  | 'data'
  | 'connections'
  | 'settings'
  | 'close'
  | 'check'
  | 'alert'
  | 'info'
  | 'shield';

const PATHS: Record<IconName, ReactElement> = {
  home: <path d="M2.5 7.2 8 2.8l5.5 4.4V13a.5.5 0 0 1-.5.5H10V9.5H6v4H3a.5.5 0 0 1-.5-.5V7.2Z" />,
  customers: (
    <>
      <circle cx="6" cy="5.5" r="2.5" />
      <path d="M1.8 13.5c.5-2.4 2.2-3.7 4.2-3.7s3.7 1.3 4.2 3.7" />
      <path d="M10.5 3.2a2.4 2.4 0 0 1 0 4.6M12 9.9c1.2.5 2 1.7 2.3 3.6" />
    </>
  ),
  flows: (
    <>
      <rect x="1.8" y="2" width="4.4" height="3.4" rx="1" />
      <rect x="9.8" y="10.6" width="4.4" height="3.4" rx="1" />
      <path d="M4 5.4v2.4c0 .9.7 1.6 1.6 1.6h4.8c.9 0 1.6.7 1.6 1.6v-.4" />
    </>
  ),
  copy: (
    <>
      <path d="M10.8 2.6 13.4 5.2 6 12.6l-3.2.6.6-3.2 7.4-7.4Z" />
      <path d="M9.3 4.1 11.9 6.7" />
    </>
  ),
  measurement: (
    <>
      <path d="M2.5 13.5h11" />
      <path d="M4.5 11V8M8 11V4M11.5 11V6.5" />
    </>
  ),
  data: (
    <>
      <ellipse cx="8" cy="3.8" rx="5" ry="1.8" />
      <path d="M3 3.8v8.4c0 1 2.2 1.8 5 1.8s5-.8 5-1.8V3.8" />
      <path d="M3 8c0 1 2.2 1.8 5 1.8S13 9 13 8" />
    </>
  ),
  connections: (
    <>
      <path d="M6.6 9.4 9.4 6.6" />
      <path d="M7.3 4.4 8.9 2.8a2.6 2.6 0 0 1 3.7 3.7l-1.6 1.6" />
      <path d="M8.7 11.6 7.1 13.2a2.6 2.6 0 0 1-3.7-3.7l1.6-1.6" />
    </>
  ),
  settings: (
    <>
      <path d="M2.5 4.5h6M11.5 4.5h2M2.5 11.5h2M7.5 11.5h6" />
      <circle cx="10" cy="4.5" r="1.5" />
      <circle cx="6" cy="11.5" r="1.5" />
    </>
  ),
  close: <path d="M4 4l8 8M12 4l-8 8" />,
  check: <path d="M3.2 8.4 6.4 11.5 12.8 4.8" />,
  alert: (
    <>
      <path d="M8 2.2 14.2 13H1.8L8 2.2Z" />
      <path d="M8 6.5v3M8 11.3v.1" />
    </>
  ),
  info: (
    <>
      <circle cx="8" cy="8" r="6" />
      <path d="M8 7.3v3.8M8 5v.1" />
    </>
  ),
  shield: (
    <>
      <path d="M8 1.8 13 3.6v4c0 3-2.1 5.3-5 6.6-2.9-1.3-5-3.6-5-6.6v-4L8 1.8Z" />
    </>
  ),
};

export function Icon({ name, size = 16 }: { name: IconName; size?: number }) {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.4}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[name]}
    </svg>
  );
}
