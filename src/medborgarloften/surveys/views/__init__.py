"""Views of the surveys app: the workspace, results, answering and sub-areas (one module each)."""
