// @redis-interface/tenancy is not built yet (issue #6); this package only holds its skeleton.
export {};
