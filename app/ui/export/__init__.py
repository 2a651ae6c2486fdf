"""File > Export in the window: the export dialog and the export run off the GUI thread."""
