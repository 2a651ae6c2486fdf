"""Correcting: edit session and commands, inline editor, find/replace, speakers, spelling,
times, changes, timing checks."""
