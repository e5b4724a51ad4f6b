// Request/response examples from Amazon's official models, in ../shared/fixtures/spapi-examples when
// the shared folder is there. Tests that use them skip (saying why) when it is not: the project must
// build and test on its own.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('../../../shared/fixtures/spapi-examples/', import.meta.url));

interface Example {
  readonly kind: string;
  readonly value?: unknown;
  readonly request?: unknown;
  readonly response?: unknown;
}

type ExamplesFile = { readonly examples: Record<string, Record<string, Example[]>> };

export const FULFILLMENT_EXAMPLES = 'fulfillmentOutbound_2020-07-01@34dc93f.examples.json';
export const FULFILLMENT_SANDBOX_EXAMPLES = 'fulfillmentOutbound_2020-07-01@0956094.examples.json';
export const INVENTORY_SANDBOX_EXAMPLES = 'fbaInventory@0956094.examples.json';

/** The skip reason when the file is missing, or false when it is there (node:test's `skip` option). */
export function missing(file: string): string | false {
  return existsSync(DIR + file) ? false : `../shared/fixtures/spapi-examples/${file} is not present`;
}

/** The body of the `index`-th example of an operation's answer with `status`. */
export function exampleBody(file: string, operation: string, status: string, index = 0): unknown {
  const parsed = JSON.parse(readFileSync(DIR + file, 'utf8')) as ExamplesFile;
  const example = parsed.examples[operation]?.[status]?.[index];
  if (!example) throw new Error(`no example ${operation} ${status} #${index} in ${file}`);
  return example.kind === 'examples' ? example.value : example.response;
}
