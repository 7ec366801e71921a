// The currency the replay's prices are in: an ISO 4217 code ("USD", "EUR"), checked against the
// codes the JavaScript runtime knows (Intl), and the number of minor digits its amounts print
// with (2 for EUR, 0 for JPY, 3 for BHD). Cheap to import: the CLI checks --currency at start-up.

import { suggest } from '@autoscale/core';

let known: ReadonlySet<string> | undefined;

/** The ISO 4217 codes in current use, as the runtime's Intl knows them. */
function knownCurrencies(): ReadonlySet<string> {
  known ??= new Set(Intl.supportedValuesOf('currency'));
  return known;
}

/** The reason a currency code is refused, or undefined when it is an ISO 4217 code in use. */
export function checkCurrency(code: string): string | undefined {
  if (knownCurrencies().has(code)) return undefined;
  // Codes are capitals: "eur" is refused rather than guessed, but the message names the code meant.
  const close = knownCurrencies().has(code.toUpperCase()) ? code.toUpperCase() : suggest(code, knownCurrencies());
  const hint = close === undefined ? '' : `; did you mean "${close}"?`;
  return `"${code}" is not an ISO 4217 currency code such as "USD" or "EUR"${hint}`;
}

/** How many digits after the point an amount in `currency` is written with (ISO 4217's minor unit). */
export function currencyDigits(currency: string): number {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}
