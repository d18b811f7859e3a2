import type { Collection } from './collect-files.js';

/**
 * Narrows a collection to the files a change touched. Files outside the collection stay out
 * (include, exclude and `.gitignore` still apply), and so do the walk's problems with other files.
 */
export function keepChanged(collection: Collection, changed: readonly string[] | undefined): Collection {
  if (changed === undefined) return collection;
  const wanted = new Set(changed);
  return {
    files: collection.files.filter((file) => wanted.has(file)),
    problems: collection.problems.filter((problem) => wanted.has(problem.file)),
  };
}
