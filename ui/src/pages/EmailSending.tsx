// Email sending (#/connections), the first page of Connections (Your store, the second, is a tab
// away): how email leaves this computer (the local outbox, an SMTP server or an email service
// provider) and who it is from, saved by the core with passwords and keys in the keychain; a
// preview of the test email; a test to check it all; and the ledger of every message — read when
// the page opens, after each send, and on request.

import { useCallback, useEffect, useRef, useState } from 'react';
import { outboxList, previewTestEmail, toApiError } from '../api';
import type { StoreInfo } from '../api';
import type { Navigate } from '../useHashRoute';
import { ConnectionsTabs } from '../components/ConnectionsTabs';
import { useSendingSettings } from '../useSendingSettings';
import { SendingForm } from '../components/SendingForm';
import { EmailPreviewCard } from '../components/EmailPreview';
import type { PreviewLoad } from '../components/EmailPreview';
import { TestSend } from '../components/TestSend';
import { MessageLedger, newestFirst } from '../components/MessageLedger';
import type { LedgerLoad } from '../components/MessageLedger';

/** How many messages the list reads. */
export const LEDGER_LIMIT = 200;

export interface EmailSendingPageProps {
  store: StoreInfo;
  /** The data folder, where the outbox folder is. */
  dataDir: string;
  navigate: Navigate;
}

export function EmailSendingPage({ store, dataDir, navigate }: EmailSendingPageProps) {
  const [ledger, setLedger] = useState<LedgerLoad>({ state: 'loading' });
  const [refreshing, setRefreshing] = useState(false);
  const [preview, setPreview] = useState<PreviewLoad>({ state: 'loading' });
  const [previewing, setPreviewing] = useState(false);
  // Only the latest read may land: a slow read must not replace a newer one (after a send, say).
  const latestLedger = useRef(0);
  const latestPreview = useRef(0);

  const readLedger = useCallback(() => {
    const n = ++latestLedger.current;
    setRefreshing(true);
    outboxList(LEDGER_LIMIT)
      .then((messages) => {
        if (n === latestLedger.current) setLedger({ state: 'ready', messages: newestFirst(messages ?? []) });
      })
      .catch((e: unknown) => {
        if (n === latestLedger.current) setLedger({ state: 'error', error: toApiError(e) });
      })
      .finally(() => {
        if (n === latestLedger.current) setRefreshing(false);
      });
  }, []);

  // The preview shows the saved footer: read again after every save.
  const readPreview = useCallback(() => {
    const n = ++latestPreview.current;
    setPreviewing(true);
    previewTestEmail()
      .then((p) => {
        if (n === latestPreview.current) setPreview({ state: 'ready', preview: p });
      })
      .catch((e: unknown) => {
        if (n === latestPreview.current) setPreview({ state: 'error', error: toApiError(e) });
      })
      .finally(() => {
        if (n === latestPreview.current) setPreviewing(false);
      });
  }, []);

  const settings = useSendingSettings(readPreview);

  useEffect(() => {
    readLedger();
    readPreview();
    return () => {
      latestLedger.current += 1;
      latestPreview.current += 1;
    };
  }, [readLedger, readPreview]);

  const { load, changed } = settings;
  const blocked =
    load.state === 'loading'
      ? 'Reading the sending settings…'
      : load.state === 'error'
        ? 'The sending settings could not be read (see above), so there is nothing to send through yet.'
        : changed.any
          ? 'Save or discard the changes above first: the test is sent with the saved settings.'
          : null;

  return (
    <div className="page" data-testid="email-sending">
      <header className="page__header">
        <p className="page__eyebrow">Connections</p>
        <div className="page__title-row">
          <h1>Email sending</h1>
        </div>
        <p className="page__lede">
          How Storeloop’s emails leave this computer and who they are from, a preview and a test to check it all, and
          every message it has handled. Your shop’s connection is under its own tab; the language model for copy is
          set up on the Copy screen.
        </p>
      </header>

      <ConnectionsTabs current="email" navigate={navigate} />

      <SendingForm settings={settings} dataDir={dataDir} />

      <EmailPreviewCard load={preview} refreshing={previewing} onRetry={readPreview} />

      <TestSend via={load.state === 'ready' ? load.saved.via : null} blocked={blocked} onSent={readLedger} />

      <MessageLedger
        load={ledger}
        limit={LEDGER_LIMIT}
        refreshing={refreshing}
        onRefresh={readLedger}
        timeZone={store.timezone}
      />
    </div>
  );
}
