// Serves commercetools-mock in its own process for benchmarks, so the bridge being measured has an
// event loop to itself. One mock server per project key given (argv); prints one JSON line
// {apiUrl, authUrl} per project, in order, when ready; stops on SIGTERM.
import { startCommercetoolsMock, type CommercetoolsMockServer } from '../../src/demo/commercetools-mock/ct-mock-server.js';

const keys = process.argv.length > 2 ? process.argv.slice(2) : ['bench'];
const mocks: CommercetoolsMockServer[] = [];
for (const projectKey of keys) {
  const mock = await startCommercetoolsMock({ projectKey });
  mocks.push(mock);
  process.stdout.write(JSON.stringify({ apiUrl: mock.apiUrl, authUrl: mock.authUrl }) + '\n');
}
process.on('SIGTERM', () => { void Promise.all(mocks.map((m) => m.close())).then(() => process.exit(0)); });
