-- Placeholder on branch `live` only: 0009 belongs to a branch merged before it, and the
-- numbers must run 1..n without gaps. Delete this file when merging. It creates a table
-- so that applying it twice fails like a real migration (two processes upgrading at once).
CREATE TABLE live_placeholder_0009 (id INTEGER PRIMARY KEY);
