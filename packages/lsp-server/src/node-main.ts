// Entry point of the bundled server (extension/build.ts bundles it to extension/dist/server.cjs):
// starts the server on the transport the client asks for on the command line. It is bundled to
// CommonJS, so no import.meta and no top-level await here or in anything it imports.

import { startNodeServer } from './node.ts';

startNodeServer();
