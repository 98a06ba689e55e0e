// The server's end of the connection, built here rather than by vscode-languageserver so that two things sit
// between the transport and the handlers:
// - on stdio, the framing guard (framing.ts): a bad Content-Length no longer wedges the connection;
// - on every transport, the lifecycle the LSP specification asks for: after `shutdown`, requests get an
//   InvalidRequest error and notifications other than `exit` are dropped (they used to be answered).
// The transport comes from the command line as before: --node-ipc (the VS Code client), --stdio, --socket=N,
// --pipe=NAME.
import {
  createServerPipeTransport,
  createServerSocketTransport,
  ErrorCodes,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type DataCallback,
  type Disposable,
  type Message,
  type MessageReader,
  type MessageWriter,
  type NotificationMessage,
  type RequestMessage,
} from 'vscode-languageserver/node';
import { FramingGuard, type FramingProblem } from './framing';

export interface ServerTransport {
  reader: LifecycleReader;
  writer: MessageWriter;
  /** Standard input ended (stdio): the client is gone. */
  onInputEnd?: (listener: () => void) => void;
}

function option(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === name) return argv[i + 1];
    if (argv[i].startsWith(`${name}=`)) return argv[i].slice(name.length + 1);
  }
  return undefined;
}

/** The transport the command line names; undefined when it names none. */
export function serverTransport(argv: readonly string[], onFramingProblem: FramingProblem): ServerTransport | undefined {
  let reader: MessageReader;
  let writer: MessageWriter;
  let onInputEnd: ServerTransport['onInputEnd'];
  const port = option(argv, '--socket');
  const pipe = option(argv, '--pipe');
  if (argv.includes('--node-ipc')) {
    reader = new IPCMessageReader(process);
    writer = new IPCMessageWriter(process);
  } else if (argv.includes('--stdio')) {
    reader = new StreamMessageReader(process.stdin.pipe(new FramingGuard(onFramingProblem)));
    writer = new StreamMessageWriter(process.stdout);
    onInputEnd = (listener) => {
      process.stdin.on('end', listener);
      process.stdin.on('close', listener);
    };
  } else if (port !== undefined) {
    [reader, writer] = createServerSocketTransport(Number.parseInt(port, 10));
  } else if (pipe !== undefined) {
    [reader, writer] = createServerPipeTransport(pipe);
  } else {
    return undefined;
  }
  return { reader: new LifecycleReader(reader, writer), writer, onInputEnd };
}

function isRequest(message: Message): message is RequestMessage {
  const candidate = message as Partial<RequestMessage>;
  return typeof candidate.method === 'string' && candidate.id !== undefined && candidate.id !== null;
}

function isNotification(message: Message): message is NotificationMessage {
  const candidate = message as Partial<RequestMessage>;
  return typeof candidate.method === 'string' && (candidate.id === undefined || candidate.id === null);
}

/** Passes messages to the connection until `shutdown`; after it, answers requests with InvalidRequest itself. */
export class LifecycleReader implements MessageReader {
  /** A `shutdown` request was received. */
  shutdownReceived = false;

  constructor(
    private readonly inner: MessageReader,
    private readonly writer: MessageWriter,
  ) {}

  get onError() {
    return this.inner.onError;
  }
  get onClose() {
    return this.inner.onClose;
  }
  get onPartialMessage() {
    return this.inner.onPartialMessage;
  }

  listen(callback: DataCallback): Disposable {
    return this.inner.listen((message) => {
      if (this.shutdownReceived) {
        if (isRequest(message)) {
          void this.writer
            .write({
              jsonrpc: '2.0',
              id: message.id,
              error: { code: ErrorCodes.InvalidRequest, message: `The server is shut down: ${message.method} is not answered.` },
            } as Message)
            .catch(() => undefined);
          return;
        }
        if (isNotification(message) && message.method !== 'exit') return;
      } else if (isRequest(message) && message.method === 'shutdown') {
        this.shutdownReceived = true;
      }
      callback(message);
    });
  }

  dispose(): void {
    this.inner.dispose();
  }
}
