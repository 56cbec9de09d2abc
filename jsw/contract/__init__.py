"""The import contract of records.md as plain data: the code lists and the record tables.

Django-free and below both `framework` (definitions are checked against it) and `records`
(the models and the importer follow it), so neither needs the other to know the tables.
"""
