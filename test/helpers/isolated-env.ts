import { join } from 'node:path';

/**
 * The environment for running the CLI in a child process with its own render-node data, store and
 * node file under `root`, and no inherited node or token: nothing shared with the user or other tests.
 */
export function isolatedEnv(root: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    COMPRESSOR_DATA_DIR: join(root, 'data'),
    COMPRESSOR_CONFIG_DIR: join(root, 'config'),
    COMPRESSOR_RUNTIME_DIR: join(root, 'run'),
    NEMO_API_BASE: '',
    NEMO_TOKEN: '',
    ...extra,
  };
}
