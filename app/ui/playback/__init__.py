"""Playing: transport, playback controller, video pane and window, timeline, waveform job."""
