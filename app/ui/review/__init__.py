"""Reviewing: review session and commands, notes and line panels, all notes, tags, progress."""
