import calculateSlot from "cluster-key-slot";

/** CRC16-CCITT (XMODEM), the checksum of Redis Cluster's key slots, one byte at a time. */
const CRC16 = new Uint16Array(256);
for (let byte = 0; byte < 256; byte++) {
  let crc = byte << 8;
  for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? (crc << 1) ^ 0x1021 : crc << 1;
  CRC16[byte] = crc & 0xffff;
}

/**
 * The Redis Cluster hash slot (0–16383) of `key`, honouring `{hash tags}`. The pool computes it
 * for every cluster command, so ASCII keys are hashed from their characters in one pass without
 * the byte array `cluster-key-slot` builds; other keys go to `cluster-key-slot` (same results).
 */
export function keySlot(key: string): number {
  let slot = 0;
  let tagged = 0;
  let tagStart = -1;
  for (let index = 0; index < key.length; ) {
    const char = key.charCodeAt(index++);
    if (char >= 0x80) return calculateSlot(key);
    if (tagStart === -1) {
      if (char === 0x7b) tagStart = index;
    } else if (char !== 0x7d) {
      tagged = (CRC16[(char ^ (tagged >> 8)) & 0xff] as number) ^ (tagged << 8);
    } else if (index - 1 !== tagStart) {
      return tagged & 0x3fff;
    }
    slot = (CRC16[(char ^ (slot >> 8)) & 0xff] as number) ^ (slot << 8);
  }
  return slot & 0x3fff;
}

/**
 * Groups `keys` by cluster slot, keeping each key's position in the input, so a multi-key
 * call can send one command per slot and put the replies back in the caller's order.
 * @returns one group per slot, in order of first appearance.
 */
export function groupBySlot(keys: readonly string[]): Array<{ slot: number; keys: string[]; positions: number[] }> {
  const groups = new Map<number, { slot: number; keys: string[]; positions: number[] }>();
  keys.forEach((key, position) => {
    const slot = keySlot(key);
    let group = groups.get(slot);
    if (!group) {
      group = { slot, keys: [], positions: [] };
      groups.set(slot, group);
    }
    group.keys.push(key);
    group.positions.push(position);
  });
  return [...groups.values()];
}
