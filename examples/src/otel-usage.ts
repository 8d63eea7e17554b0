import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { isRedisError, type RedisConnection } from "@redis-interface/core";
import { kv } from "@redis-interface/kv";
import { streams } from "@redis-interface/streams";
import { bridgeCommandsToOpenTelemetry } from "./otel-bridge.js";
import { type DemoSteps, expectEqual } from "./step.js";

/** Spans exported with the OpenTelemetry SDK (in memory) for the commands of a few calls. */
export async function otelUsage(connection: RedisConnection, steps: DemoSteps): Promise<void> {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const unsubscribe = bridgeCommandsToOpenTelemetry(provider.getTracer("redis-interface-demo"));
  const secret = "card-4242-never-in-a-span";
  try {
    await steps.run("OpenTelemetry spans from the redis-interface:command channel", async () => {
      const store = kv(connection);
      await store.setKeyWithExpiry("otel:token", secret, 60);
      await store.getKey("otel:token");
      await store.getAndDeserializeKey("otel:missing", "Token").catch((error: unknown) => {
        if (!isRedisError(error, "NOT_FOUND")) throw error;
      });
      await streams(connection).streamAppendEntry("otel:events", "*", { type: "demo" });
      // the pool's own availability probe (PING when idle) may add "redis ping" spans
      const spans = exporter.getFinishedSpans().filter((span) => span.name !== "redis ping");
      expectEqual(spans.map((span) => span.name), ["redis setKeyWithExpiry", "redis getKey", "redis getAndDeserializeKey", "redis streamAppendEntry"], "span names");
      expectEqual(spans[0]?.attributes["redis_interface.commands"], "SET", "commands of setKeyWithExpiry");
      if (JSON.stringify(spans.map((span) => span.attributes)).includes(secret)) throw new Error("a value reached a span");
      return spans.map((span) => `${span.name} [${String(span.attributes["redis_interface.commands"])}, ${String(span.attributes["redis_interface.key_count"])} key]`).join("; ");
    });
  } finally {
    unsubscribe();
    await provider.shutdown();
  }
}
