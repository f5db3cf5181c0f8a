"""Swedish text analysis for comments, fully offline: redaction suggestions, theme suggestions, clusters.

Nothing here touches the database; the services and tasks feed it texts and
store what it returns.
"""
