import type { RedisConnection } from "@redis-interface/core";
import { kv } from "@redis-interface/kv";
import { settle } from "./driver.js";

/**
 * Every kv read a tenant view's fallback may retry, on each of `names` (one hash field `f` and one
 * typed field `typed` per hash), with Buffers as text and errors as their codes: what a caller of
 * `connection` can get back.
 */
export async function fallbackReads(connection: RedisConnection, names: readonly string[]): Promise<unknown[]> {
  const store = kv(connection);
  const seen: unknown[] = [await settle(store.getMultipleKeys(names)), await settle(store.getAndDeserializeMultipleKeys(names, "Secret"))];
  for (const name of names) {
    seen.push(
      await settle(store.getKey(name)),
      await settle(store.getKeyBuffer(name).then((bytes) => bytes?.toString("utf8") ?? null)),
      await settle(store.exists(name)),
      await settle(store.getAndDeserializeKey(name, "Secret")),
      await settle(store.getHashField(name, "f")),
      await settle(store.getHashFields(name)),
      await settle(store.getHashFieldAndDeserialize(name, "typed", "Secret")),
    );
  }
  return seen;
}

/** What `fallbackReads` needs under each name: a string, or a hash with a plain and a typed field. */
export async function writeReadable(connection: RedisConnection, names: readonly string[], token: string): Promise<void> {
  const store = kv(connection);
  for (const [index, name] of names.entries()) {
    if (index % 2 === 0) {
      await store.serializeAndSetKey(name, { token });
    } else {
      await store.setHashFields(name, { f: `field ${token}` });
      await store.serializeAndSetHashFieldIfNotExist(name, "typed", { token });
    }
  }
}
