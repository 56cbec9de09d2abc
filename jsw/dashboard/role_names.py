"""The four roles' names, lowest first: plain data, so the settings can check role names."""

ROLES = ("board", "manager", "analyst", "administrator")
