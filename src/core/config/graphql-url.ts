/**
 * The GraphQL endpoint the environment names: `GITHUB_GRAPHQL_URL` as GitHub Actions sets it, else
 * `GITHUB_API_URL` followed by `/graphql`; `undefined` leaves the default (`api.github.com`).
 * Read from the environment only, never from a config file a pull request could change: the token goes there.
 * @param env the process environment
 */
export function graphqlUrlFrom(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const graphql = env['GITHUB_GRAPHQL_URL']?.trim();
  if (graphql) return graphql;
  const api = env['GITHUB_API_URL']?.trim().replace(/\/+$/, '');
  return api ? `${api}/graphql` : undefined;
}
