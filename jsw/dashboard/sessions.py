"""Sessions in the database, as Django keeps them, read with one plain query.

A session is read on every request; the ORM's compiling of that one query cost more than the
query itself. Writing, expiry and logout are Django's own, unchanged.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone


class SessionStore(db.SessionStore):
    def _get_session_from_db(self) -> Any:
        key = self.session_key  # None when the cookie's key was not a valid one
        if key is None:
            return None
        model = self.model
        meta = model._meta
        connection = connections[router.db_for_read(model)]
        quote = connection.ops.quote_name
        sql = (
            f"SELECT {quote(meta.get_field('session_data').column)} "  # noqa: S608  (names from the model)
            f"FROM {quote(meta.db_table)} WHERE {quote(meta.pk.column)} = %s "
            f"AND {quote(meta.get_field('expire_date').column)} > %s"
        )
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(sql, [key, now])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return model(session_key=key, session_data=row[0])
