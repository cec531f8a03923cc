"""The SQLite store: one connection, numbered migrations, one unit of work per operation."""
