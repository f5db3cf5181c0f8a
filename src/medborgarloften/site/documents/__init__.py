"""Signed documents: a promise's signed version and the yearly follow-up as PDF/A, sealed by the platform (PAdES).

``sources`` gathers what a document shows into plain data with a SHA-256 of
its own; ``layout``, ``promise_pdf`` and ``followup_pdf`` draw it with
ReportLab; ``pdfa`` adds what PDF/A-2b asks for; ``signing`` seals the file
with pyHanko; ``verification`` reads a file or a hash back. A ``Document`` row
caches each rendered file per kind and source hash, rendered once by a
background job (``services``).
"""
