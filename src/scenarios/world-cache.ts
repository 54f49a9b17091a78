/**
 * A family's worlds are pure functions of the variant number, and every condition of a run renders the same
 * few variants: draw each once. Bounded, so a sweep over thousands of variants cannot grow it without limit.
 */
export function variantWorlds<W>(draw: (variant: number) => W): (variant: number) => W {
  const cache = new Map<number, W>();
  return (variant) => {
    if (!Number.isInteger(variant) || variant < 0) throw new RangeError(`variant must be a non-negative integer, got ${String(variant)}`);
    let world = cache.get(variant);
    if (world === undefined) {
      world = draw(variant);
      if (cache.size > 256) cache.clear();
      cache.set(variant, world);
    }
    return world;
  };
}
