"""Quotes copied with their source (Edit > Copy as Quote) and the Quotes list they are kept in:
the journalist's fact-check hand-off."""
