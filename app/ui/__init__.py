"""Qt widgets, item models and the main window."""
