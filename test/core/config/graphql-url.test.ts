import { describe, expect, it } from 'vitest';
import { graphqlUrlFrom } from '../../../src/core/config/graphql-url.js';

describe('the GraphQL endpoint from the environment', () => {
  it('takes GITHUB_GRAPHQL_URL, else GITHUB_API_URL with /graphql, else leaves the default', () => {
    expect(graphqlUrlFrom({ GITHUB_GRAPHQL_URL: 'http://127.0.0.1:1/graphql', GITHUB_API_URL: 'x' })).toBe(
      'http://127.0.0.1:1/graphql',
    );
    expect(graphqlUrlFrom({ GITHUB_API_URL: 'https://api.github.com/' })).toBe('https://api.github.com/graphql');
    expect(graphqlUrlFrom({ GITHUB_GRAPHQL_URL: ' ' })).toBeUndefined();
    expect(graphqlUrlFrom({})).toBeUndefined();
  });
});
