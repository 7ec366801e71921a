// Starting the server in a Node process: on the transport the client chose on the command line
// (`--stdio`, `--node-ipc`, `--socket=N`, `--pipe=NAME`, read by vscode-languageserver), or on
// this process's stdin/stdout explicitly (`autoscale lsp --stdio`), where the input goes through
// the frame guard first. Only this file and node-main.ts know about Node.

import { Transform } from 'node:stream';
import { format } from 'node:util';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { FrameGuard } from './frame-guard.ts';
import { SERVER_NAME, startServer, type ServerOptions } from './server.ts';

/**
 * Exit code after input that is not LSP: a broken stream ends the session without shutdown, and 1
 * is that code (vscode-languageserver's, and `autoscale lsp --help`'s for the editor going away).
 */
const PROTOCOL_ERROR_EXIT_CODE = 1;

/** How long the reason may take to reach stderr before the process exits anyway (a client that never reads stderr). */
const STDERR_GRACE_MS = 1000;

/** Starts the server on the transport named in process.argv (what VS Code's client passes). */
export function startNodeServer(options: ServerOptions = {}): Connection {
  const connection = createConnection(ProposedFeatures.all);
  startServer(connection, options);
  return connection;
}

/**
 * Starts the server on stdin/stdout. The process exits when the client sends `exit` (code 0
 * after `shutdown`, else 1) or closes stdin, and with code 1 when stdin carries a frame that is
 * not LSP's (the reason on stderr; frame-guard.ts).
 */
export function startStdioServer(options: ServerOptions = {}): Connection {
  const connection = createConnection(ProposedFeatures.all, guardedStdin(exitOnProtocolError), process.stdout);
  // stdout carries the protocol: anything printed with console would corrupt it, so console
  // output goes to the client's log instead.
  const log = (...args: unknown[]) => connection.console.log(format(...args));
  console.log = log;
  console.info = log;
  console.debug = log;
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
  startServer(connection, options);
  return connection;
}

/**
 * stdin through a FrameGuard. Handed to vscode-languageserver as a stream, so it still ends the
 * process when the input ends, as it does for stdin itself.
 */
function guardedStdin(onViolation: (reason: string) => void): Transform {
  const guard = new FrameGuard();
  let violated = false;
  const input = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const check = guard.check(chunk);
      if (check.ok) return done(null, chunk);
      if (violated) return done();
      violated = true;
      // Detached first: stdin ending now must not end the input, which would exit with the code
      // of an orderly end before the reason is out.
      process.stdin.unpipe(input);
      // The frames before the bad one are sound; nothing after it reaches the reader.
      if (check.validBytes > 0) this.push(chunk.subarray(0, check.validBytes));
      done();
      onViolation(check.reason);
    },
  });
  return process.stdin.pipe(input);
}

/**
 * Reports a protocol error and ends the process: nothing later on stdin can be read as messages.
 * On stderr because stdout carries only the protocol (console goes there too, as log messages).
 */
function exitOnProtocolError(reason: string): void {
  const exit = () => process.exit(PROTOCOL_ERROR_EXIT_CODE);
  process.stderr.write(
    `${SERVER_NAME}: protocol error: ${reason}. The rest of the input cannot be read as LSP messages; exiting.\n`,
    exit,
  );
  setTimeout(exit, STDERR_GRACE_MS);
}
