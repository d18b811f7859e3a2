import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

/** One processor for the whole run: GFM and YAML/TOML front matter, as GitHub renders them. */
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']).freeze();

/** Parses Markdown into an mdast tree with 1-based positions. */
export function parseMarkdown(text: string): Root {
  return processor.parse(text);
}
