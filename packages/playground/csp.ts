// The playground's Content Security Policy, one definition for the <meta> tag the build writes into
// index.html (any static web server) and the header `autoscale playground` sends. Scripts and
// workers only from the page's own origin: no inline script, no eval, nothing from another host.
// Styles allow 'unsafe-inline' because Monaco writes its theme and decoration rules into <style>
// elements it creates at run time and offers no nonce (monaco-editor 0.57, domStylesheets.js).

const DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'none'"],
  ['script-src', "'self'"],
  ['worker-src', "'self'"],
  ['style-src', "'self' 'unsafe-inline'"],
  ['font-src', "'self'"],
  ['img-src', "'self' data:"],
  // Only the bundled example recording is fetched, from the page's own origin.
  ['connect-src', "'self'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
];

/** For the <meta http-equiv> tag (browsers ignore frame-ancestors there). */
export const CONTENT_SECURITY_POLICY = DIRECTIVES.map(([name, value]) => `${name} ${value}`).join('; ');

/** For the HTTP header: the same, and no page may frame the playground. */
export const CONTENT_SECURITY_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;
