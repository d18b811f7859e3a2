/** Stable codes for failures that stop a run before any file is checked. */
export type LinkvetErrorCode = 'config' | 'usage' | 'io';

/** Where a failure happened: a file, and when known a key or position in it. */
export interface ErrorLocation {
  readonly file?: string;
  readonly key?: string;
  readonly line?: number;
  readonly column?: number;
}

/**
 * A failure the user can fix (bad flag, bad config, unreadable root); the shells
 * print its message and exit 2. Content problems in Markdown are findings, not errors.
 */
export class LinkvetError extends Error {
  readonly code: LinkvetErrorCode;
  readonly location: ErrorLocation;

  constructor(code: LinkvetErrorCode, message: string, location: ErrorLocation = {}) {
    super(message);
    this.name = 'LinkvetError';
    this.code = code;
    this.location = location;
  }
}
