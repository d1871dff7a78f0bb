/**
 * Seeded, random-access pseudo-randomness: every value is a pure function of (seed, kind, index…),
 * so the generator can stream documents in any order and re-derive one worker's values later
 * (to check an export, or to change a doc and know by how much a sum must move).
 */

/** A 32-bit avalanche of several integers (murmur3's finaliser over an FNV-style fold). */
export const hash32 = (...parts: number[]): number => {
  let h = 0x811c9dc5;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    h = Math.imul(h, 0x297a2d39);
    h ^= h >>> 15;
  }
  return h >>> 0;
};

/** A bijection on 32-bit integers (murmur3's finaliser): distinct inputs give distinct outputs. */
export const permute32 = (value: number): number => {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
};

/** mulberry32: a small, fast stream of uint32 from one 32-bit state. */
export class Prng {
  private state: number;

  constructor(...seedParts: number[]) {
    this.state = hash32(...seedParts);
  }

  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** An integer in [0, bound). */
  below(bound: number): number {
    return Math.floor((this.nextUint32() / 0x1_0000_0000) * bound);
  }

  /**
   * A UUID-shaped id (version 4 layout), as CHT contact ids are. Its first 32 bits are `unique`
   * as given: the stream's state has only 32 bits, so two streams can coincide, and ids must not.
   */
  uuid(unique: number): string {
    const hex = [unique >>> 0, this.nextUint32(), this.nextUint32(), this.nextUint32()]
      .map(word => word.toString(16).padStart(8, '0')).join('');
    const variant = '89ab'[parseInt(hex[16], 16) & 3];
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }

  /** A DHIS2-style UID: 11 characters, a letter first, then letters or digits. */
  dhisUid(): string {
    const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const alphanumeric = `${letters}0123456789`;
    let uid = letters[this.below(letters.length)];
    while (uid.length < 11) {
      uid += alphanumeric[this.below(alphanumeric.length)];
    }
    return uid;
  }
}
