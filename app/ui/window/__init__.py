"""The main window: layout, menus, key bindings, start-up, the one place wiring signals."""
