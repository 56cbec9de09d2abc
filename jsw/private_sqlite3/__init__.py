"""Django's SQLite backend, with the database file created readable by its owner only."""
