export { teardownSharedRedis as default } from "@redis-interface/testing";
