"""The trainer studio: the kind registry, course exchange (JSON export/import) and SVG charts.

Views, forms, services (writes) and selectors (reads) of the studio, and what they share:
the kind registry, the exchange format, Markdown limits and charts.
"""
