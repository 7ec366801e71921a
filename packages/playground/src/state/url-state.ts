// The formula and context in the page's URL fragment, so that a link reproduces them: each is
// compressed (deflate) and base64url-encoded, `#f=...&c=...`. The fragment never reaches a server.
// The editor's text is kept as it is, so a pasted pool JSON or template comes back whole; with it,
// the choices made for a host file: the formula picked (`p=`), placeholder values (`v=`, packed
// JSON) and `o=0` when pool JSON is evaluated in the context editor's context.
// Decoding untrusted links never throws: a broken link gives a message and the page's defaults.

export interface SharedState {
  formula: string;
  context: string;
  /** In a host file: the formula picked. */
  formulaName?: string;
  /** In a host file: values for its placeholders, by name. */
  values?: Record<string, string>;
  /** For pool JSON: false when it is evaluated in the context editor's context instead of its own state. */
  poolContext?: boolean;
}

export type DecodedState = { ok: true; state: Partial<SharedState> } | { ok: false; reason: string };

/** Links longer than this are refused on reading (a formula is at most 8 KB; contexts are small). */
export const MAX_FRAGMENT_LENGTH = 200_000;

export async function encodeState(state: SharedState): Promise<string> {
  const params = new URLSearchParams();
  params.set('f', await pack(state.formula));
  params.set('c', await pack(state.context));
  if (state.formulaName !== undefined) params.set('p', state.formulaName);
  if (state.values !== undefined && Object.keys(state.values).length > 0)
    params.set('v', await pack(JSON.stringify(state.values)));
  if (state.poolContext === false) params.set('o', '0');
  return `#${params.toString()}`;
}

export async function decodeState(fragment: string): Promise<DecodedState> {
  const text = fragment.replace(/^#/, '');
  if (text === '') return { ok: true, state: {} };
  if (text.length > MAX_FRAGMENT_LENGTH)
    return {
      ok: false,
      reason: `the link is ${text.length} characters long; the most a link may hold is ${MAX_FRAGMENT_LENGTH}`,
    };
  const params = new URLSearchParams(text);
  const state: Partial<SharedState> = {};
  for (const [key, field] of [
    ['f', 'formula'],
    ['c', 'context'],
  ] as const) {
    const value = params.get(key);
    if (value === null) continue;
    const unpacked = await unpack(value);
    if (unpacked === undefined)
      return { ok: false, reason: `the link's ${field} is damaged (it could not be decoded); was the link cut short?` };
    state[field] = unpacked;
  }
  const formulaName = params.get('p');
  if (formulaName !== null) state.formulaName = formulaName;
  const values = params.get('v');
  if (values !== null) {
    const read = readValues(await unpack(values));
    if (read === undefined)
      return { ok: false, reason: "the link's placeholder values are damaged (they could not be decoded)" };
    state.values = read;
  }
  const poolContext = params.get('o');
  if (poolContext !== null) {
    if (poolContext !== '0' && poolContext !== '1')
      return { ok: false, reason: `the link's pool-context flag is ${JSON.stringify(poolContext)}; expected 0 or 1` };
    state.poolContext = poolContext === '1';
  }
  return { ok: true, state };
}

/** A JSON object of strings, or undefined for anything else. */
function readValues(text: string | undefined): Record<string, string> | undefined {
  if (text === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const entries = Object.entries(parsed);
  if (!entries.every(([, v]) => typeof v === 'string')) return undefined;
  return Object.fromEntries(entries) as Record<string, string>;
}

async function pack(text: string): Promise<string> {
  const compressed = await transform(new TextEncoder().encode(text), new CompressionStream('deflate-raw'));
  return toBase64Url(compressed);
}

async function unpack(value: string): Promise<string | undefined> {
  const bytes = fromBase64Url(value);
  if (bytes === undefined) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(
      await transform(bytes, new DecompressionStream('deflate-raw')),
    );
  } catch {
    return undefined;
  }
}

async function transform(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(value: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(value)) return undefined;
  try {
    const binary = atob(value.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}
