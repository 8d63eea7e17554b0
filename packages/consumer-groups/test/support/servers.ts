import { RedisConnectionPool } from "@redis-interface/core";
import { randomKey, sharedRedisFromEnv } from "@redis-interface/testing";

/** The two deployments the worker is proven on. */
export const DEPLOYMENTS = ["standalone", "cluster"] as const;
export type Deployment = (typeof DEPLOYMENTS)[number];

/** Pool settings for the shared test servers. */
export function settingsFor(deployment: Deployment): Parameters<typeof RedisConnectionPool.connect>[0] {
  const { port, clusterUrls } = sharedRedisFromEnv();
  return deployment === "cluster" ? { clusterEnabled: true, clusterUrls } : { port, poolSize: 2 };
}

/** A fresh stream name whose dead-letter stream shares its cluster slot (`{tag}:events`). */
export function streamName(label: string): { stream: string; deadLetterStream: string } {
  const tag = randomKey(label);
  return { stream: `{${tag}}:events`, deadLetterStream: `{${tag}}:dead-letter` };
}
