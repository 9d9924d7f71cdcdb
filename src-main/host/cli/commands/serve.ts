import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { Engine } from '../../../engine/engine';
import { packageRoot, packageVersion } from '../../package-root';
import { hostEngineOptions } from '../../host-engine';
import { startLocalControl } from '../../local-control';
import { PortInUseError } from '../../server/host-server';
import { EXIT_FAILURE, EXIT_OK, type CliIo } from '../cli-io';
import { resolveDataDir } from '../data-dir-flag';
import { integerFlag, parseFlags } from '../parse-flags';

/** `vigil serve`: the engine plus the browser UI on 127.0.0.1, until SIGINT/SIGTERM. */
export async function serveCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseFlags(args, {
    port: { type: 'string' },
    'data-dir': { type: 'string' },
    open: { type: 'boolean' },
  });
  const port = integerFlag('port', values.port, 0, 65535) ?? 7420;
  const dataDir = resolveDataDir(values['data-dir'], io);
  const root = packageRoot();
  // VIGIL_RENDERER_DIR lets a packaged build or a test point at another UI bundle.
  const rendererDir = io.env['VIGIL_RENDERER_DIR'] ?? join(root, 'out', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    io.stderr(`vigil serve: the UI is not built (${rendererDir}); run \`npm run build\` first.\n`);
    return EXIT_FAILURE;
  }
  // The whole story for the log: stack and cause, so a bug report can be acted on.
  const onError = (error: unknown): void => io.stderr(`vigil serve: ${inspect(error)}\n`);

  const engine = Engine.start({
    dataDir,
    version: packageVersion(root),
    host: 'host',
    onError,
    // The market the trader chose; exchange keys and alert secrets in the OS keychain.
    ...hostEngineOptions(join(root, 'resources', 'data')),
  });
  let control;
  try {
    control = await startLocalControl({ engine, dataDir, rendererDir, port, onError });
  } catch (error) {
    engine.stop('host failed to start');
    if (error instanceof PortInUseError) {
      io.stderr(`vigil serve: ${error.message}\n`);
      return EXIT_FAILURE;
    }
    throw error;
  }
  const { server } = control;
  io.stdout(`Vigil ${engine.status().tradingMode} engine, data in ${dataDir}\n`);
  io.stdout(`Open ${server.url}\n`);
  if (values.open === true) openBrowser(server.url, io);

  const signal = await io.stopSignal;
  await control.stop();
  engine.stop(`received ${signal}`);
  io.stdout(`Vigil stopped (${signal}).\n`);
  return EXIT_OK;
}

function openBrowser(url: string, io: CliIo): void {
  const [command, args] =
    io.platform === 'darwin'
      ? ['open', [url]]
      : io.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  child.on('error', (error) =>
    io.stderr(`Could not open a browser (${error.message}); open the URL above.\n`),
  );
  child.unref();
}
