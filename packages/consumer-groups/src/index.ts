// @redis-interface/consumer-groups is not built yet (issue #4); this package only holds its skeleton.
export {};
