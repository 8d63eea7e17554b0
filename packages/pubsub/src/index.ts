// @redis-interface/pubsub is not built yet (issue #5); this package only holds its skeleton.
export {};
