"""Working together in the window: others' changes shown live (the change log heard, applied)."""
