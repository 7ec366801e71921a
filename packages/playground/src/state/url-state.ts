// The formula and context in the page's URL fragment, so that a link reproduces them: each is
// compressed (deflate) and base64url-encoded, `#f=...&c=...`. The fragment never reaches a server.
// Decoding untrusted links never throws: a broken link gives a message and the page's defaults.

export interface SharedState {
  formula: string;
  context: string;
}

export type DecodedState = { ok: true; state: Partial<SharedState> } | { ok: false; reason: string };

/** Links longer than this are refused on reading (a formula is at most 8 KB; contexts are small). */
export const MAX_FRAGMENT_LENGTH = 200_000;

export async function encodeState(state: SharedState): Promise<string> {
  const params = new URLSearchParams();
  params.set('f', await pack(state.formula));
  params.set('c', await pack(state.context));
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
  return { ok: true, state };
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
