"""Certificates: PDF rendering (pdf.py) and the Celery task that issues them (tasks.py)."""
