export const MAX_JSON_DEPTH = 100;

/** How deeply arrays and objects nest, counted without recursion so no input can exhaust the stack. */
export const jsonDepth = (value: unknown): number => {
  let deepest = 0;
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length > 0) {
    const [item, depth] = pending.pop()!;
    if (typeof item !== 'object' || item === null) {
      continue;
    }
    deepest = Math.max(deepest, depth + 1);
    if (deepest > MAX_JSON_DEPTH) {
      return deepest;
    }
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      pending.push([child, depth + 1]);
    }
  }
  return deepest;
};
