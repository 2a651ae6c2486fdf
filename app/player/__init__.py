"""Media playback behind one interface: VlcPlayer for real, FakePlayer for logic tests."""
