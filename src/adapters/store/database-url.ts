// DATABASE_URL → which database. `sqlite:./data/bridge.db`, `sqlite:///abs/path.db`, a plain file
// path or `:memory:` mean SQLite; `postgres://…` / `postgresql://…` mean PostgreSQL, where a
// `?schema=name` parameter (not a libpq one, so it is removed) selects the schema to work in.
export type DatabaseTarget =
  | { readonly dialect: 'sqlite'; readonly filename: string }
  | { readonly dialect: 'postgres'; readonly connectionString: string; readonly schema: string | null };

const URL_SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

export function parseDatabaseUrl(databaseUrl: string): DatabaseTarget {
  const url = databaseUrl.trim();
  if (url === '') throw new Error('The database URL is empty: use e.g. sqlite:./data/bridge.db or postgres://user@host/db.');

  if (/^postgres(ql)?:\/\//i.test(url)) {
    const parsed = parsePostgresUrl(url);
    const schema = parsed.searchParams.get('schema');
    parsed.searchParams.delete('schema');
    return { dialect: 'postgres', connectionString: parsed.toString(), schema: schema === '' ? null : schema };
  }
  if (/^sqlite:/i.test(url)) {
    let filename = url.slice('sqlite:'.length);
    if (filename.startsWith('//')) filename = filename.slice(2); // sqlite:///abs → /abs, sqlite://./rel → ./rel
    if (filename === '') throw new Error(`The database URL "${databaseUrl}" names no SQLite file.`);
    return { dialect: 'sqlite', filename };
  }
  const scheme = URL_SCHEME.exec(url)?.[1];
  if (scheme !== undefined) {
    throw new Error(`Unsupported database "${scheme}" in the database URL: use sqlite:<file> or postgres://….`);
  }
  return { dialect: 'sqlite', filename: url };
}

/** Never quotes the URL: it may carry a password (node's own error would print it, stack and all). */
function parsePostgresUrl(url: string): URL {
  try {
    return new URL(url);
  } catch {
    throw new Error('The database URL is not a valid postgres:// URL: check its form postgres://user:password@host:5432/database (percent-encode special characters in the password).');
  }
}

/** For the configuration check: a problem with the URL, without quoting it, or null. */
export function databaseUrlProblem(url: string): string | null {
  try {
    parseDatabaseUrl(url);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
