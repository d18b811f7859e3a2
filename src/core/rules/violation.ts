import type { Link, RuleId, Violation } from '../types.js';

/** A violation at a link's place, naming its URL and text; `suggestion` only when a fix is known. */
export function violationAt(link: Link, rule: RuleId, message: string, suggestion?: string): Violation {
  const base = { rule, file: link.file, span: link.span, url: link.url, text: link.text, message };
  return suggestion === undefined ? base : { ...base, suggestion };
}
