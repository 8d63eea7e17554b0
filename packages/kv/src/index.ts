// @redis-interface/kv is not built yet (issue #3); this package only holds its skeleton.
export {};
