"""Alembic migrations of the library schema.

``HEAD`` is the newest revision. It is written here so that opening an up-to-date library (every
start-up) needs one read-only query and no Alembic import; tests/store check it is Alembic's head.
Update it with every new revision.
"""

HEAD = "0013_quotes"
