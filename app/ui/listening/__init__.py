"""The recogniser in the window: transcribe, second opinion, re-time."""
