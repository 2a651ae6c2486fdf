"""Pure-Python heart of Proofreel: no Qt, no SQLAlchemy, no vlc, ever."""
