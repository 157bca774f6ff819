// Email sending (#/connections), the first page of Connections: how email leaves this computer
// (the local outbox, or an SMTP server), a test email to check it, and the ledger of every
// message — read when the page opens, after each send, and on request.

import { useCallback, useEffect, useRef, useState } from 'react';
import { outboxList, toApiError } from '../api';
import type { StoreInfo } from '../api';
import { loadChoice, saveChoice, toSendVia } from '../sendingChoice';
import type { SendingChoice } from '../sendingChoice';
import { SendChoice } from '../components/SendChoice';
import { TestSend } from '../components/TestSend';
import { MessageLedger, newestFirst } from '../components/MessageLedger';
import type { LedgerLoad } from '../components/MessageLedger';

/** How many messages the list reads. */
export const LEDGER_LIMIT = 200;

export interface EmailSendingPageProps {
  store: StoreInfo;
  /** The data folder, where the outbox folder is. */
  dataDir: string;
}

export function EmailSendingPage({ store, dataDir }: EmailSendingPageProps) {
  const [choice, setChoice] = useState<SendingChoice>(loadChoice);
  const [reveal, setReveal] = useState(0);
  const [ledger, setLedger] = useState<LedgerLoad>({ state: 'loading' });
  const [refreshing, setRefreshing] = useState(false);
  // Only the latest read may land: a slow read must not replace a newer one (after a send, say).
  const latest = useRef(0);

  useEffect(() => saveChoice(choice), [choice]);

  const readLedger = useCallback(() => {
    const n = ++latest.current;
    setRefreshing(true);
    outboxList(LEDGER_LIMIT)
      .then((messages) => {
        if (n === latest.current) setLedger({ state: 'ready', messages: newestFirst(messages ?? []) });
      })
      .catch((e: unknown) => {
        if (n === latest.current) setLedger({ state: 'error', error: toApiError(e) });
      })
      .finally(() => {
        if (n === latest.current) setRefreshing(false);
      });
  }, []);

  useEffect(() => {
    readLedger();
    return () => {
      latest.current += 1;
    };
  }, [readLedger]);

  return (
    <div className="page" data-testid="email-sending">
      <header className="page__header">
        <p className="page__eyebrow">Connections</p>
        <div className="page__title-row">
          <h1>Email sending</h1>
        </div>
        <p className="page__lede">
          How Storeloop’s emails leave this computer, a test to check that it works, and every message it has
          handled. Connecting your store platform and AI providers will also be here.
        </p>
      </header>

      <SendChoice choice={choice} onChange={setChoice} dataDir={dataDir} reveal={reveal} />

      <TestSend via={toSendVia(choice)} onChoiceProblem={() => setReveal((n) => n + 1)} onSent={readLedger} />

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
