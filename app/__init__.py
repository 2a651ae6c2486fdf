"""Proofreel: check a video's transcript against the video."""

__version__ = "0.1.0"
