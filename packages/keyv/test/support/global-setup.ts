import { setupSharedRedis } from "@redis-interface/testing";

export default async function globalSetup(): Promise<void> {
  await setupSharedRedis();
}
