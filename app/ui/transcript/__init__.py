"""The transcript table: model, filter proxy, view, delegates, search bar, follow."""
