"""PyInstaller runtime hook: make python-vlc use the libVLC and plugins inside the bundle.

Runs before the app imports ``vlc``. python-vlc loads ``PYTHON_VLC_LIB_PATH`` when set, and
libVLC adds ``VLC_PLUGIN_PATH`` to the plugin folders it scans. libvlc.so.5 names
libvlccore.so.9 (and the plugins name the libvlc_* helpers) by soname only, and the dynamic
linker would take the system's copies if there are any: loading the bundled ones first, by full
path, makes every later lookup by soname find them already loaded.
"""

import contextlib
import ctypes
import os
import sys


def _use_bundled_vlc() -> None:
    base = getattr(sys, "_MEIPASS", None)
    if base is None or not sys.platform.startswith("linux"):
        return
    lib = os.path.join(base, "libvlc.so.5")
    plugins = os.path.join(base, "vlc", "plugins")
    if not (os.path.isfile(lib) and os.path.isdir(plugins)):
        return  # a bundle built without libVLC: the app says what to install
    helpers = sorted(n for n in os.listdir(base) if n.startswith("libvlc_") and ".so" in n)
    for name in ["libvlccore.so.9", *helpers]:
        path = os.path.join(base, name)
        # A helper may fail (libvlc_vdpau without libvdpau): only its own plugins need it.
        if os.path.isfile(path):
            with contextlib.suppress(OSError):
                ctypes.CDLL(path, mode=ctypes.RTLD_GLOBAL)
    os.environ["PYTHON_VLC_LIB_PATH"] = lib
    os.environ["PYTHON_VLC_MODULE_PATH"] = plugins
    os.environ["VLC_PLUGIN_PATH"] = plugins


_use_bundled_vlc()
