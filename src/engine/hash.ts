// Routing hashes. Family keys are hashed the way a real scheduler would (a string hash, here
// FNV-1a with a murmur finaliser so that similar keys like `family-1`, `family-2` spread), and
// routed with `hash mod N`.

/** FNV-1a over the string's UTF-16 code units, 32-bit unsigned. */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Murmur3's 32-bit finaliser: full avalanche of an integer, unsigned result. */
export function fmix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The partition that owns a family key: `hash(familyKey) mod N`. */
export function partitionOfKey(familyKey: string, partitions: number): number {
  return fmix32(fnv1a32(familyKey)) % partitions;
}
