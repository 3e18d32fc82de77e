/**
 * A shuffle that always changes the order: a random permutation of two or more items
 * that is never the original order, so a test asking for shuffled delivery always gets it.
 */

export function derange<T>(items: readonly T[], random: () => number = Math.random): T[] {
  const shuffled = [...items];
  for (let index = shuffled.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [shuffled[index], shuffled[other]] = [shuffled[other]!, shuffled[index]!];
  }
  if (shuffled.length > 1 && shuffled.every((item, index) => item === items[index])) shuffled.push(shuffled.shift()!);
  return shuffled;
}
