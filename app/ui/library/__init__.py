"""The library in the window: start screen, projects, open dialog, relink, library tools."""
