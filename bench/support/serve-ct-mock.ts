// Serves commercetools-mock in its own process for benchmarks, so the bridge being measured has an
// event loop to itself. Prints one JSON line {apiUrl, authUrl} when ready; stops on SIGTERM.
import { startCommercetoolsMock } from '../../src/demo/commercetools-mock/ct-mock-server.js';

const projectKey = process.argv[2] ?? 'bench';
const mock = await startCommercetoolsMock({ projectKey });
process.stdout.write(JSON.stringify({ apiUrl: mock.apiUrl, authUrl: mock.authUrl }) + '\n');
process.on('SIGTERM', () => { void mock.close().then(() => process.exit(0)); });
