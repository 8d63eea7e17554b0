import type { RedisConnection } from "@redis-interface/core";
import { kv } from "@redis-interface/kv";
import { keyvName, namespaceView } from "./namespace.js";

/**
 * Every string key of `namespace` with its value, as Keyv's iterator expects: `[ns:key, value]`.
 * Sends `SCAN cursor MATCH <view prefix + ns:>* COUNT n TYPE string` page by page (every master
 * on a cluster), and one `MGET` (per slot on a cluster) per `batchSize` keys. A key that expires
 * between its SCAN page and its MGET is skipped.
 */
export async function* namespaceEntries(connection: RedisConnection, namespace: string | undefined, batchSize: number): AsyncGenerator<[string, string], void> {
  const store = kv(namespaceView(connection, namespace));
  let batch: string[] = [];
  for await (const key of store.scanIterator("*", { count: batchSize, type: "string" })) {
    batch.push(key);
    if (batch.length < batchSize) continue;
    yield* withValues(store.getMultipleKeys, namespace, batch);
    batch = [];
  }
  if (batch.length > 0) yield* withValues(store.getMultipleKeys, namespace, batch);
}

async function* withValues(read: (keys: readonly string[]) => Promise<Array<string | null>>, namespace: string | undefined, keys: readonly string[]): AsyncGenerator<[string, string], void> {
  const values = await read(keys);
  for (let index = 0; index < keys.length; index++) {
    const value = values[index];
    if (value !== null && value !== undefined) yield [keyvName(namespace, keys[index] as string), value];
  }
}
