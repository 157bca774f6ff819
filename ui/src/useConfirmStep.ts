// The confirm step in front of a drastic button (stop all sending, stop this flow): opening it moves
// the focus to the confirm button; Escape or Cancel closes it and gives the focus back to the button
// that opened it.

import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent, RefObject } from 'react';

export interface ConfirmStep {
  open: boolean;
  setOpen: (open: boolean | ((open: boolean) => boolean)) => void;
  /** For the button that opens the step. */
  openerRef: RefObject<HTMLButtonElement | null>;
  /** For the button that confirms: it takes the focus when the step opens. */
  confirmRef: RefObject<HTMLButtonElement | null>;
  /** Cancel: closes the step and gives the focus back to the opener. */
  close: () => void;
  /** For the step's container: Escape cancels. */
  onKeyDown: (e: KeyboardEvent) => void;
}

/** `onClose` runs on each cancel (to forget an error shown in the step, say). */
export function useConfirmStep(onClose?: () => void): ConfirmStep {
  const [open, setOpen] = useState(false);
  const openerRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (open) confirmRef.current?.focus();
  }, [open]);

  const close = () => {
    setOpen(false);
    onClose?.();
    openerRef.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    }
  };

  return { open, setOpen, openerRef, confirmRef, close, onKeyDown };
}
