import { describe, expect, it } from 'vitest';
import { checkAddress } from './emailAddress';

describe('checkAddress', () => {
  it.each(['anna@example.com', ' Anna.B+tea@Example.COM ', "o'neil@mail.example.org", 'x@example.co.uk'])(
    '%s looks like an address',
    (address) => {
      expect(checkAddress(address)).toEqual({ error: null, suggestion: null });
    },
  );

  it.each<[string, string]>([
    ['', 'Enter the address to send the test to.'],
    ['anna@example.com, ben@example.com', 'Send to one address at a time.'],
    ['anna@example.com;ben@example.com', 'Send to one address at a time.'],
    ['anna @example.com', 'An email address has no spaces.'],
    ['anna.example.com', 'An email address needs an @, like you@example.com.'],
    ['anna@@example.com', 'An email address has only one @, like you@example.com.'],
    ['@example.com', 'Something is missing before the @, like you@example.com.'],
    ['anna@', 'Something is missing after the @, like you@example.com.'],
    ['an(na)@example.com', 'The part before the @ has a character an address cannot have.'],
    ['.anna@example.com', 'The part before the @ cannot start or end with a dot, or have two dots in a row.'],
    ['an..na@example.com', 'The part before the @ cannot start or end with a dot, or have two dots in a row.'],
    ['anna@example', 'The part after the @ needs a dot, like example.com.'],
    ['anna@example..com', 'The part after the @ is not a domain: look for a dot too many or an odd character.'],
    ['anna@example.com.', 'The part after the @ is not a domain: look for a dot too many or an odd character.'],
    ['anna@exa_mple.com', 'The part after the @ is not a domain: look for a dot too many or an odd character.'],
    ['anna@example.c', 'The address should end in a domain ending, like .com.'],
    ['anna@10.0.0.1', 'The address should end in a domain ending, like .com.'],
  ])('"%s" is refused: %s', (address, error) => {
    expect(checkAddress(address)).toEqual({ error, suggestion: null });
  });

  it.each<[string, string]>([
    ['anna@gmial.com', 'anna@gmail.com'],
    ['anna@Hotmial.com', 'anna@hotmail.com'],
    ['anna@example.con', 'anna@example.com'],
    ['anna@shop.example.cmo', 'anna@shop.example.com'],
  ])('%s is allowed, with a hint: %s', (address, suggestion) => {
    expect(checkAddress(address)).toEqual({ error: null, suggestion });
  });
});
