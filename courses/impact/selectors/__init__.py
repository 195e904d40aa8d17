"""Reads for the impact report: access (who sees which scope), report (levels 1-3), results (level 4)."""
