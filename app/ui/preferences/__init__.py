"""Edit > Preferences: the dialog, and the look (light/dark, transcript font) it sets."""
