// Obvious mistakes in a typed email address, caught as the owner types instead of after a send.
// The core checks every address again before anything is built; these are only the mistakes a
// person can fix at a glance, worded for them, plus a hint for well-known misspelt domains.

export interface AddressCheck {
  /** Why it cannot be sent to as typed; null when it looks like an address. */
  error: string | null;
  /** "Did you mean anna@gmail.com?" for a likely typo; the address is still allowed. */
  suggestion: string | null;
}

const EXAMPLE = 'like you@example.com';
const LOCAL_CHARS = /^[a-z0-9!#$%&'*+\-/=?^_`{|}~.]+$/i;
const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

/** Misspellings of the domains most people use, and what was meant. */
const LIKELY_DOMAINS: Record<string, string> = {
  'gmial.com': 'gmail.com',
  'gamil.com': 'gmail.com',
  'gmai.com': 'gmail.com',
  'gmal.com': 'gmail.com',
  'gnail.com': 'gmail.com',
  'gmail.co': 'gmail.com',
  'hotmial.com': 'hotmail.com',
  'hotmal.com': 'hotmail.com',
  'hotmai.com': 'hotmail.com',
  'yaho.com': 'yahoo.com',
  'yahooo.com': 'yahoo.com',
  'outlok.com': 'outlook.com',
  'outloo.com': 'outlook.com',
  'icloud.co': 'icloud.com',
};

/** Endings that are a slip of the finger for ".com". */
const LIKELY_ENDINGS: Record<string, string> = { con: 'com', cmo: 'com', ocm: 'com', comm: 'com', vom: 'com' };

export function checkAddress(raw: string): AddressCheck {
  const error = addressError(raw);
  return { error, suggestion: error === null ? suggestion(raw.trim()) : null };
}

function addressError(raw: string): string | null {
  const text = raw.trim();
  if (text === '') return 'Enter the address to send the test to.';
  if (/[,;]/.test(text)) return 'Send to one address at a time.';
  if (/\s/.test(text)) return 'An email address has no spaces.';
  const at = text.split('@').length - 1;
  if (at === 0) return `An email address needs an @, ${EXAMPLE}.`;
  if (at > 1) return `An email address has only one @, ${EXAMPLE}.`;
  const [local = '', domain = ''] = text.split('@');
  if (local === '') return `Something is missing before the @, ${EXAMPLE}.`;
  if (domain === '') return `Something is missing after the @, ${EXAMPLE}.`;
  if (!LOCAL_CHARS.test(local)) return 'The part before the @ has a character an address cannot have.';
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    return 'The part before the @ cannot start or end with a dot, or have two dots in a row.';
  }
  const labels = domain.split('.');
  if (labels.length < 2) return 'The part after the @ needs a dot, like example.com.';
  if (!labels.every((l) => DOMAIN_LABEL.test(l))) {
    return 'The part after the @ is not a domain: look for a dot too many or an odd character.';
  }
  const ending = labels[labels.length - 1] ?? '';
  if (ending.length < 2 || /^\d+$/.test(ending)) return 'The address should end in a domain ending, like .com.';
  return null;
}

function suggestion(address: string): string | null {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  const domain = address.slice(at + 1).toLowerCase();
  const fixed = LIKELY_DOMAINS[domain];
  if (fixed) return `${local}@${fixed}`;
  const dot = domain.lastIndexOf('.');
  const ending = LIKELY_ENDINGS[domain.slice(dot + 1)];
  if (ending) return `${local}@${domain.slice(0, dot + 1)}${ending}`;
  return null;
}
