// @redis-interface/streams is not built yet (issue #4); this package only holds its skeleton.
export {};
