import type { RedisConnection } from "@redis-interface/core";
import * as atomic from "./atomic-set.js";
import * as counters from "./counters.js";
import * as hashScan from "./hash-scan.js";
import * as hashes from "./hashes.js";
import * as lists from "./lists.js";
import * as multiKey from "./multi-key.js";
import * as scan from "./scan.js";
import * as sets from "./sets.js";
import * as sortedSets from "./sorted-sets.js";
import type { KeyValueStore } from "./store.js";
import * as strings from "./strings.js";
import * as ttl from "./ttl.js";
import * as typedHashes from "./typed-hashes.js";
import * as typed from "./typed.js";

/**
 * The key-value surface on a connection: a pool, a `withKeyPrefix` view or a tenant view.
 * Holds no state of its own; create it once and share it.
 */
export function kv(connection: RedisConnection): KeyValueStore {
  const c = connection;
  return {
    addPrefix: (key) => c.keys.key(key),

    setKey: (key, value) => strings.setKey(c, key, value),
    setKeyWithoutModifyingTtl: (key, value) => strings.setKeyWithoutModifyingTtl(c, key, value),
    setKeyWithExpiry: (key, value, seconds) => strings.setKeyWithExpiry(c, key, value, seconds),
    setKeyIfNotExistsWithExpiry: (key, value, seconds) => strings.setKeyIfNotExistsWithExpiry(c, key, value, seconds),
    setKeyIfNotExistsAndGetValue: (key, value, seconds) => atomic.setKeyIfNotExistsAndGetValue(c, key, value, seconds),
    setMultipleKeysIfNotExistsAndGetValues: (pairs, seconds) => atomic.setMultipleKeysIfNotExistsAndGetValues(c, pairs, seconds),
    setMultipleKeysIfNotExist: (values) => multiKey.setMultipleKeysIfNotExist(c, values),
    getKey: (key) => strings.getKey(c, key),
    getKeyBuffer: (key) => strings.getKeyBuffer(c, key),
    getMultipleKeys: (keys) => multiKey.getMultipleKeys(c, keys),
    exists: (key) => strings.exists(c, key),
    deleteKey: (key) => strings.deleteKey(c, key),
    deleteMultipleKeys: (keys) => multiKey.deleteMultipleKeys(c, keys),

    serializeAndSetKey: (key, value) => typed.serializeAndSetKey(c, key, value),
    serializeAndSetKeyWithExpiry: (key, value, seconds) => typed.serializeAndSetKeyWithExpiry(c, key, value, seconds),
    serializeAndSetKeyWithoutModifyingTtl: (key, value) => typed.serializeAndSetKeyWithoutModifyingTtl(c, key, value),
    serializeAndSetKeyIfNotExist: (key, value, seconds) => typed.serializeAndSetKeyIfNotExist(c, key, value, seconds),
    getAndDeserializeKey: (key, typeName) => typed.getAndDeserializeKey(c, key, typeName),
    getAndDeserializeMultipleKeys: (keys, typeName) => typed.getAndDeserializeMultipleKeys(c, keys, typeName),

    setExpiry: (key, seconds) => ttl.setExpiry(c, key, seconds),
    setExpireAt: (key, unixSeconds) => ttl.setExpireAt(c, key, unixSeconds),
    getTtl: (key) => ttl.getTtl(c, key),
    persist: (key) => ttl.persist(c, key),

    incrementKey: (key, by, seconds) => counters.incrementKey(c, key, by, seconds),
    decrementKey: (key, by, seconds) => counters.decrementKey(c, key, by, seconds),

    setHashFields: (key, values, seconds) => hashes.setHashFields(c, key, values, seconds),
    setHashFieldIfNotExist: (key, field, value, seconds) => hashes.setHashFieldIfNotExist(c, key, field, value, seconds),
    serializeAndSetHashFieldIfNotExist: (key, field, value, seconds) => typedHashes.serializeAndSetHashFieldIfNotExist(c, key, field, value, seconds),
    serializeAndSetMultipleHashFieldIfNotExist: (pairs, field, seconds) => typedHashes.serializeAndSetMultipleHashFieldIfNotExist(c, pairs, field, seconds),
    getHashField: (key, field) => hashes.getHashField(c, key, field),
    getHashFields: (key) => hashes.getHashFields(c, key),
    getHashFieldAndDeserialize: (key, field, typeName) => typedHashes.getHashFieldAndDeserialize(c, key, field, typeName),
    incrementFieldsInHash: (key, increments) => hashes.incrementFieldsInHash(c, key, increments),
    hdel: (key, fields) => hashes.hdel(c, key, fields),
    hscan: (key, pattern, count) => hashScan.hscan(c, key, pattern, count),
    hscanIterator: (key, pattern, count) => hashScan.hscanIterator(c, key, pattern, count),
    hscanAndDeserialize: (key, pattern, typeName, count) => hashScan.hscanAndDeserialize(c, key, pattern, typeName, count),

    scan: (pattern, options) => scan.scan(c, pattern, options),
    scanIterator: (pattern, options) => scan.scanIterator(c, pattern, options),

    sadd: (key, members) => sets.sadd(c, key, members),
    smembers: (key) => sets.smembers(c, key),
    sismember: (key, member) => sets.sismember(c, key, member),
    srem: (key, members) => sets.srem(c, key, members),
    scard: (key) => sets.scard(c, key),

    appendElementsToList: (key, elements) => lists.appendElementsToList(c, key, elements),
    getListElements: (key, start, stop) => lists.getListElements(c, key, start, stop),
    getListLength: (key) => lists.getListLength(c, key),
    lpopListElements: (key, count) => lists.lpopListElements(c, key, count),

    zadd: (key, members) => sortedSets.zadd(c, key, members),
    zrange: (key, start, stop) => sortedSets.zrange(c, key, start, stop),
    zrangeByScore: (key, min, max, limit) => sortedSets.zrangeByScore(c, key, min, max, limit),
    zscore: (key, member) => sortedSets.zscore(c, key, member),
    zrem: (key, members) => sortedSets.zrem(c, key, members),
    zcard: (key) => sortedSets.zcard(c, key),
  };
}
