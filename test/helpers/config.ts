import { validateOptions } from '../../src/core/config/validate-options.js';
import { LinkvetError } from '../../src/core/errors.js';

/** The file name validation errors name in these tests. */
export const source = 'cfg.yml';

/** The `LinkvetError` validating `raw` throws; fails the test when it throws nothing or something else. */
export function rejection(raw: unknown): LinkvetError {
  try {
    validateOptions(raw, source);
  } catch (error) {
    if (error instanceof LinkvetError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(raw)} to be rejected`);
}
