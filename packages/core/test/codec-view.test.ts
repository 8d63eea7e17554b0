import { randomKey, startRedis, type RedisServerHandle } from "@redis-interface/testing";
import { FIRST_KEY, isRedisError, jsonCodec, RedisConnectionPool, serdeCodec, superjsonCodec, type RedisCommand } from "../src/index.js";
import { poolCloseSignal, withCodec } from "../src/internal.js";
import { thrown } from "./thrown.js";

let server: RedisServerHandle;
let pool: RedisConnectionPool;

beforeAll(async () => {
  server = await startRedis();
  pool = await RedisConnectionPool.connect({ port: server.port, poolSize: 1 });
});

afterAll(async () => {
  await pool?.close();
  await server?.stop();
});

/** GET whose transform tells which codec the connection it went through has. */
const codecOfThrough = (key: string): RedisCommand<string> => ({ name: "GET", args: [key], keys: FIRST_KEY, transform: (_reply, through) => through.codec.name });

describe("withCodec(connection, choice, operation)", () => {
  it("gives a view with that codec, handed to transforms as `through`, over the same names", async () => {
    const app = pool.withKeyPrefix("app");
    const serde = withCodec(app, "serde", "kv");
    expect(serde.codec).toBe(serdeCodec);
    expect(app.codec).toBe(superjsonCodec);
    expect(pool.codec).toBe(superjsonCodec);
    expect(serde.keys.key("k")).toBe(app.keys.key("k"));
    const key = randomKey("k");
    expect(await serde.send("get", codecOfThrough(key))).toBe("serde");
    expect(await app.send("get", codecOfThrough(key))).toBe("superjson");
  });

  it("keeps the codec through withKeyPrefix, and shares the pool's close signal", () => {
    const json = withCodec(pool, jsonCodec, "pubsub");
    const nested = json.withKeyPrefix("tenant", { hashTag: true });
    expect(nested.codec).toBe(jsonCodec);
    expect(nested.keys.key("k")).toBe(pool.withKeyPrefix("tenant", { hashTag: true }).keys.key("k"));
    expect(poolCloseSignal(json)).toBe(poolCloseSignal(pool));
  });

  it("returns the connection itself when no codec is chosen or it is already the connection's", () => {
    expect(withCodec(pool, undefined, "kv")).toBe(pool);
    expect(withCodec(pool, "superjson", "kv")).toBe(pool);
  });

  it.each([["msgpack"], [""], [7], [null], [{ name: "x", encode: () => "" }], ["__proto__"]])("refuses %p with INVALID_ARGUMENT naming the operation", (choice) => {
    const error = thrown(() => withCodec(pool, choice, "kv"));
    expect(isRedisError(error, "INVALID_ARGUMENT")).toBe(true);
    expect(error.operation).toBe("kv");
    expect(error.message).toContain("codec");
  });
});
