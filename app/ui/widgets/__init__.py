"""Small pieces several features share: the docks' list model and table, icons, contrast."""
