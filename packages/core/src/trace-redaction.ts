import { Cluster, type Redis } from "ioredis";
import { WireCommand } from "./wire-command.js";

interface TracedCommand {
  readonly name: string;
  readonly args: readonly unknown[];
}

interface CommandContext {
  args?: string[];
}

/** The part of an ioredis `Redis` that builds the context of its `ioredis:command` trace events (private in its types). */
interface TraceContextBuilder {
  _buildCommandContext(command: TracedCommand): CommandContext;
}

/**
 * ioredis publishes the commands it writes on its own `ioredis:command` tracing channel (what
 * OpenTelemetry's ioredis instrumentation reads) with arguments it deems safe, which for EVAL,
 * EVALSHA, ACL, CONFIG, set and list commands include every argument: stored values and
 * passwords. On the pool's clients the context keeps only the described keys of a command and
 * shows every other argument as `?`.
 */
function redactTraceArguments(client: Redis): void {
  const builder = client as unknown as TraceContextBuilder;
  const buildContext = builder._buildCommandContext;
  if (typeof buildContext !== "function") return;
  builder._buildCommandContext = function (command: TracedCommand): CommandContext {
    const context = buildContext.call(this, command);
    context.args = redactedArguments(command);
    return context;
  };
}

function redactedArguments(command: TracedCommand): string[] {
  const args = command.args.map(() => "?");
  if (command instanceof WireCommand) {
    for (const index of command.described.keys) {
      const key = command.args[index];
      if (typeof key === "string") args[index] = key;
    }
  }
  return args;
}

/** `client` with `redactTraceArguments` on it, and on every node connection of a `Cluster` as ioredis creates them. */
export function withRedactedTraces<C extends Redis | Cluster>(client: C): C {
  if (client instanceof Cluster) {
    client.on("+node", (node: Redis) => redactTraceArguments(node));
  } else {
    redactTraceArguments(client as Redis);
  }
  return client;
}
