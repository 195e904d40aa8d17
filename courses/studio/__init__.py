"""The trainer studio: the kind registry, course exchange (JSON export/import) and SVG charts.

Views live in courses/views/studio.py, writes in courses/services/studio.py and reads in
courses/selectors/studio.py; this package holds what those three share.
"""
