// Connecting a shop: Shopify (shop name and an Admin API access token) or WooCommerce (address and a
// REST API key pair), with where to get the key; empty fields are named before the core is asked,
// then "Test and connect" has the core check the key with the shop and keep it in the keychain.
// The core's answer on failure is shown under the form as it is written.

import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { connectShopify, connectWoocommerce } from '../api';
import type { Connection } from '../api';
import { hasProblems, platformName, shopifyProblems, wooProblems } from '../storeWords';
import type { Platform, ShopifyDraft, WooDraft } from '../storeWords';
import { useAction } from '../useAction';
import { SecretField } from './SecretField';

export interface StoreConnectFormProps {
  platform: Platform;
  /** The shop's address when connecting again (its key went missing, say). */
  address?: string;
  onConnected: (connection: Connection) => void;
  onCancel: () => void;
}

export function StoreConnectForm({ platform, address = '', onConnected, onCancel }: StoreConnectFormProps) {
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const connecting = useAction();
  const busy = connecting.running !== null;
  const [shopify, setShopify] = useState<ShopifyDraft>({ shop: platform === 'shopify' ? address : '', token: '' });
  const [woo, setWoo] = useState<WooDraft>({ url: platform === 'woocommerce' ? address : '', key: '', secret: '' });
  // Problems show once a connect was refused for them, and follow the typing from then on.
  const [showProblems, setShowProblems] = useState(false);
  const [refused, setRefused] = useState(0);

  useEffect(() => {
    if (refused > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [refused]);

  const shopP = shopifyProblems(shopify);
  const wooP = wooProblems(woo);
  const problems = platform === 'shopify' ? shopP : wooP;
  const shown = (problem: string | null) => (showProblems ? problem : null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (hasProblems(problems)) {
      setShowProblems(true);
      setRefused((n) => n + 1);
      return;
    }
    void connecting.run(async () => {
      const connection =
        platform === 'shopify'
          ? await connectShopify(shopify.shop.trim(), shopify.token.trim())
          : await connectWoocommerce(woo.url.trim(), woo.key.trim(), woo.secret.trim());
      // The key is in the keychain now: this screen forgets it.
      setShopify((d) => ({ ...d, token: '' }));
      setWoo((d) => ({ ...d, secret: '' }));
      onConnected(connection);
    });
  };

  const name = platformName(platform);

  return (
    <section className="card card--stack store-connect" aria-labelledby={`${id}-title`} data-testid={`connect-form-${platform}`}>
      <h2 id={`${id}-title`} className="card__title">
        {address !== '' ? `Connect ${name} again` : `Connect your ${name} shop`}
      </h2>
      <form ref={formRef} className="store-connect__form" onSubmit={submit} noValidate>
        {platform === 'shopify' ? (
          <>
            <TextField
              label="Shop name"
              value={shopify.shop}
              onChange={(shop) => setShopify((d) => ({ ...d, shop }))}
              placeholder="your-shop or your-shop.myshopify.com"
              hint="The name in your shop’s Shopify address."
              error={shown(shopP.shop)}
              disabled={busy}
              testId="shopify-shop"
            />
            <SecretField
              label="Admin API access token"
              noun="access token"
              article="An access token"
              saved={false}
              value={shopify.token}
              onChange={(token) => setShopify((d) => ({ ...d, token: token ?? '' }))}
              placeholder="shpat_…"
              hint="From the custom app you make for Storeloop (see how below)."
              error={shown(shopP.token)}
              disabled={busy}
              testId="shopify-token"
            />
            <ShopifyHelp />
          </>
        ) : (
          <>
            <TextField
              label="Shop address"
              value={woo.url}
              onChange={(url) => setWoo((d) => ({ ...d, url }))}
              placeholder="https://your-shop.com"
              hint="The address of your shop’s home page, starting with https://."
              error={shown(wooP.url)}
              disabled={busy}
              testId="woo-url"
            />
            <TextField
              label="Consumer key"
              value={woo.key}
              onChange={(key) => setWoo((d) => ({ ...d, key }))}
              placeholder="ck_…"
              hint="Starts with ck_."
              error={shown(wooP.key)}
              disabled={busy}
              mono
              testId="woo-key"
            />
            <SecretField
              label="Consumer secret"
              noun="consumer secret"
              article="A consumer secret"
              saved={false}
              value={woo.secret}
              onChange={(secret) => setWoo((d) => ({ ...d, secret: secret ?? '' }))}
              placeholder="cs_…"
              hint="Starts with cs_; WooCommerce shows it only once, when the key is made."
              error={shown(wooP.secret)}
              disabled={busy}
              testId="woo-secret"
            />
            <WooHelp />
          </>
        )}

        <div className="store-connect__actions">
          <button type="submit" className="btn btn--primary" disabled={busy} data-testid="connect-submit">
            {busy ? `Checking with ${name}…` : 'Test and connect'}
          </button>
          <button type="button" className="btn btn--ghost" onClick={onCancel} disabled={busy} data-testid="connect-cancel">
            Cancel
          </button>
          <span className="muted small">
            Storeloop asks {name} for the shop’s name with this key; nothing is saved unless that works.
          </span>
        </div>
      </form>

      {connecting.error ? (
        <div className="store-connect__error" role="alert" data-testid="connect-error" data-kind={connecting.error.kind}>
          <p className="state__title">Couldn’t connect to {name}</p>
          <pre className="message-box">{connecting.error.message}</pre>
        </div>
      ) : null}
    </section>
  );
}

interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
  hint: ReactNode;
  error: string | null;
  disabled: boolean;
  mono?: boolean;
  testId: string;
}

function TextField({ label, value, onChange, placeholder, hint, error, disabled, mono = false, testId }: TextFieldProps) {
  const id = useId();
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={`${id}-input`}>
        {label}
      </label>
      <input
        id={`${id}-input`}
        className={`input${mono ? ' mono' : ''}`}
        value={value}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error ${id}-hint` : `${id}-hint`}
        data-testid={testId}
      />
      {error ? (
        <span id={`${id}-error`} className="field__error" data-testid={`${testId}-error`}>
          {error}
        </span>
      ) : null}
      <span id={`${id}-hint`} className="field__hint">
        {hint}
      </span>
    </div>
  );
}

function ShopifyHelp() {
  return (
    <details className="store-connect__help" data-testid="shopify-help">
      <summary>How to get a token</summary>
      <ol>
        <li>
          In your Shopify admin, open <strong>Settings → Apps and sales channels → Develop apps</strong> (allow custom
          app development if Shopify asks), and create an app named, say, Storeloop.
        </li>
        <li>
          Under its Admin API access, tick <span className="mono">read_products</span>,{' '}
          <span className="mono">read_customers</span>, <span className="mono">read_orders</span> and{' '}
          <span className="mono">read_all_orders</span> (orders older than 60 days), and save.
        </li>
        <li>
          Install the app, then reveal the <strong>Admin API access token</strong> and paste it above. Shopify shows it
          only once.
        </li>
      </ol>
      <p className="muted small">These are read-only: Storeloop reads your shop and never changes it.</p>
    </details>
  );
}

function WooHelp() {
  return (
    <details className="store-connect__help" data-testid="woo-help">
      <summary>How to get a key</summary>
      <ol>
        <li>
          In your WordPress admin, open <strong>WooCommerce → Settings → Advanced → REST API</strong> and add a key.
        </li>
        <li>
          Describe it (Storeloop, say), choose <strong>Read</strong> access, and generate the key.
        </li>
        <li>Paste the consumer key and consumer secret above. WooCommerce shows the secret only once.</li>
      </ol>
      <p className="muted small">Read access is enough: Storeloop reads your shop and never changes it.</p>
    </details>
  );
}
