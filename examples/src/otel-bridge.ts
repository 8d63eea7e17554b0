import { tracingChannel } from "node:diagnostics_channel";
import { SpanKind, SpanStatusCode, type Span, type Tracer } from "@opentelemetry/api";
import { COMMAND_TRACE_CHANNEL, type RedisCommandTrace } from "@redis-interface/core";

/**
 * Turns every command published on `redis-interface:command` into an OpenTelemetry CLIENT span:
 * the library has no OpenTelemetry dependency, this subscriber is all an application needs.
 * @returns a function that unsubscribes.
 */
export function bridgeCommandsToOpenTelemetry(tracer: Tracer): () => void {
  const channel = tracingChannel<unknown, RedisCommandTrace>(COMMAND_TRACE_CHANNEL);
  const spans = new WeakMap<RedisCommandTrace, Span>();
  const subscribers = {
    start(trace: RedisCommandTrace) {
      spans.set(
        trace,
        tracer.startSpan(`redis ${trace.operation}`, {
          kind: SpanKind.CLIENT,
          attributes: { "db.system.name": "redis", "db.operation.name": trace.operation, "redis_interface.blocking": trace.blocking, "redis_interface.dedicated": trace.dedicated },
        }),
      );
    },
    end() {},
    asyncStart() {},
    error(trace: RedisCommandTrace) {
      spans.get(trace)?.setStatus({ code: SpanStatusCode.ERROR, message: trace.errorCode ?? "error" });
    },
    asyncEnd(trace: RedisCommandTrace) {
      const span = spans.get(trace);
      if (!span) return;
      span.setAttributes({
        "redis_interface.commands": trace.commands.join(" "),
        "redis_interface.key_count": trace.keyCount,
        ...(trace.errorCode === undefined ? {} : { "error.type": trace.errorCode }),
        ...(trace.replyCode === undefined ? {} : { "db.response.status_code": trace.replyCode }),
      });
      span.end();
    },
  };
  channel.subscribe(subscribers);
  return () => channel.unsubscribe(subscribers);
}
