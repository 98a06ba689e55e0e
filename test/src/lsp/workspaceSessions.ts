// Language servers on temporary copies of fixture folders: the lifecycle the workspace, Helm chart and Kustomize
// suites share (every server stopped after each test, every folder removed after the suite).
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { after, afterEach } from 'node:test';
import { pathToFileURL } from 'url';
import { TestServer } from './harness';

export interface SessionOptions {
  /** The `kubeZeroDowntime` settings the client answers with. */
  settings?: Record<string, unknown>;
  /** The client shows related information on diagnostics (default: yes). */
  relatedInformation?: boolean;
  /** The client takes versioned edits and file creation in a WorkspaceEdit (default: no). */
  documentChanges?: boolean;
}

export interface WorkspaceSessions {
  /** A new temporary folder, removed after the suite; with `from`, a copy of that folder's tree. */
  folder(prefix: string, from?: string): string;
  /** A server whose workspace folder is `folder` (none: no folder), watching files with dynamic registration. */
  start(folder: string | undefined, options?: SessionOptions): Promise<TestServer>;
}

/** Call inside a `describe`: the hooks that stop the servers and remove the folders are registered there. */
export function workspaceSessions(): WorkspaceSessions {
  const folders: string[] = [];
  let servers: TestServer[] = [];
  afterEach(async () => {
    for (const server of servers) {
      try {
        assert.equal(await server.stop(), 0);
      } finally {
        server.kill();
      }
    }
    servers = [];
  });
  after(() => {
    for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    folder(prefix, from) {
      const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
      folders.push(dir);
      if (from !== undefined) fs.cpSync(from, dir, { recursive: true });
      return dir;
    },
    async start(folder, options = {}) {
      const server = await TestServer.start({
        workspaceFolders: folder ? [{ uri: pathToFileURL(folder).href, name: path.basename(folder) }] : undefined,
        ...(options.settings ? { settings: options.settings } : {}),
        capabilities: {
          workspace: {
            didChangeWatchedFiles: { dynamicRegistration: true },
            ...(options.documentChanges ? { workspaceEdit: { documentChanges: true } } : {}),
          },
          textDocument: {
            publishDiagnostics: {
              versionSupport: true,
              codeDescriptionSupport: true,
              dataSupport: true,
              relatedInformation: options.relatedInformation ?? true,
            },
          },
        },
      });
      servers.push(server);
      return server;
    },
  };
}

/** The file URI of `name` in `dir`. */
export const uriOf = (dir: string, name: string): string => pathToFileURL(path.join(dir, name)).href;
/** The text of `name` in `dir`, as on disk. */
export const readIn = (dir: string, name: string): string => fs.readFileSync(path.join(dir, name), 'utf8');
