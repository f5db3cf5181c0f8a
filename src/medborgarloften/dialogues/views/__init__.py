"""Views of the dialogues app: public pages, open data (CSV, JSON, Atom), files, and the workspace."""
