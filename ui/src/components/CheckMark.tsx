// The round mark before a checked item: a tick when it is done, a cross when a check found it
// wanting, an open circle while it is still to do. The words for screen readers go with it.

import { Icon } from './Icon';

export type Mark = 'done' | 'failed' | 'open';

export function CheckMark({ mark }: { mark: Mark }) {
  return (
    <>
      <span className="checklist__mark" aria-hidden="true">
        {mark === 'done' ? <Icon name="check" size={14} /> : mark === 'failed' ? <Icon name="close" size={12} /> : null}
      </span>
      <span className="visually-hidden">{mark === 'done' ? 'Done: ' : mark === 'failed' ? 'Not yet: ' : 'To do: '}</span>
    </>
  );
}

/** The class of a `.checklist__item` with this mark. */
export function markClass(mark: Mark): string {
  return mark === 'done' ? ' is-done' : mark === 'failed' ? ' is-failed' : '';
}
