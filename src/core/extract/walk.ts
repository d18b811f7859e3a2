import type { Nodes, Parents } from 'mdast';

/** Visits every node depth-first in document order, passing its parent. */
export function walk(node: Nodes, visit: (node: Nodes, parent: Parents | undefined, index: number) => void): void {
  const stack: Array<{ node: Nodes; parent: Parents | undefined; index: number }> = [
    { node, parent: undefined, index: 0 },
  ];
  while (stack.length > 0) {
    const { node: current, parent, index } = stack.pop() as (typeof stack)[number];
    visit(current, parent, index);
    if (!('children' in current)) continue;
    for (let child = current.children.length - 1; child >= 0; child--) {
      stack.push({ node: current.children[child] as Nodes, parent: current, index: child });
    }
  }
}
