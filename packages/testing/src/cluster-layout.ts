/** Total number of hash slots in Redis Cluster. */
export const SLOT_COUNT = 16_384;

/** What {@link formCluster} needs to know about one node. */
export interface FormationNode {
  host: string;
  port: number;
  /** For a replica: index (in the node list) of its master. For a master: `undefined`. */
  masterIndex: number | undefined;
}

/** A contiguous slot range owned by one master. */
export interface SlotRange {
  start: number;
  end: number;
}

/**
 * Splits the 16384 slots evenly over `masters` masters, in order.
 * @returns one inclusive range per master.
 * @throws never.
 */
export function splitSlots(masters: number): SlotRange[] {
  const ranges: SlotRange[] = [];
  for (let i = 0; i < masters; i++) {
    ranges.push({
      start: Math.floor((i * SLOT_COUNT) / masters),
      end: Math.floor(((i + 1) * SLOT_COUNT) / masters) - 1,
    });
  }
  return ranges;
}
