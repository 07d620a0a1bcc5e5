"""The cast of a case: who speaks its quoted lines (roles), and the front-matter fields that name voices and speakers."""
