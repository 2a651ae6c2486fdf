"""Small pieces several features share: the list table, readable icons, contrast."""
