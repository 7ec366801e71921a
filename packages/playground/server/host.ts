// Which Host headers the playground server answers: the loopback names of its own address. A page
// on another site can point its own name at 127.0.0.1 (DNS rebinding) and then read this server as
// if it were same-origin; the browser still sends that site's name as Host, so refusing every
// other name keeps such pages out. No browser omits Host, so a request without one is refused too.

/**
 * Names a browser sends for this server: its address, localhost (which resolves to it) and [::1] (reached through a
 * forwarder).
 */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'] as const;

/**
 * Whether `host` (a Host header's value) names this server on `port`: a loopback name and the
 * port, exactly. Without a port a Host means port 80 (browsers leave the default port out).
 * Names compare case-insensitively, as DNS does; everything else (other spellings of loopback
 * addresses, a trailing dot, another port) is refused, since a browser that opened the printed
 * address never sends it.
 */
export function isOwnHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  const lower = host.toLowerCase();
  return LOOPBACK_NAMES.some((name) => lower === `${name}:${port}` || (port === 80 && lower === name));
}

/** The body of the 421 answer to a request for another host. */
export function misdirectedText(port: number): string {
  return `this server answers only to ${LOOPBACK_NAMES.map((name) => `${name}:${port}`)
    .join(', ')
    .replace(/, ([^,]*)$/, ' and $1')}`;
}
