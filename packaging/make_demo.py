"""Build the demo project that ``proofreel --demo`` opens: ``news.mp4`` + ``news-page.txt``.

The transcript is tests/data/news-page.txt, read with the app's own page reader. The video speaks
each transcript line at its time stamp (espeak-ng), over a dark background showing a running
clock, the title and the current line as a caption, so a reviewer can check the player against
the transcript by eye and by ear.

Run from the repository root::

    .venv/bin/python packaging/make_demo.py [--out resources/demo]

Needs ``espeak-ng``, ``ffmpeg`` (with libx264, drawtext) and a TrueType font (DejaVu Sans).
The output is deterministic for a given espeak-ng / ffmpeg / font install.
"""

from __future__ import annotations

import argparse
import array
import math
import shutil
import subprocess
import sys
import tempfile
import textwrap
import wave
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.core.formats.page import read_page  # noqa: E402

SOURCE = ROOT / "tests" / "data" / "news-page.txt"
DEFAULT_OUT = ROOT / "resources" / "demo"
VIDEO_NAME = "news.mp4"
TEXT_NAME = "news-page.txt"

RATE = 22050  # espeak-ng's native sample rate; the mix buffer uses it too
VOICE = "en-us"
NORMAL_WPM = 170
MAX_WPM = 450
GAP_MS = 100  # silence kept before the next line's start
TAIL_MS = 700  # audio after the last line's end
SILENCE_LEVEL = 300  # |sample| below this counts as silence when trimming espeak's padding

WIDTH, HEIGHT, FPS = 640, 360, 10
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
)
MONO_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
)
CAPTION_WIDTH_CHARS = 42


@dataclass
class Fit:
    index: int
    start_ms: int
    slot_ms: int
    wpm: int
    tempo: float = 1.0
    cut: bool = False
    spoken_ms: int = 0


def _need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        sys.exit(f"make_demo: {tool} not found on PATH")
    return path


def _font(candidates: tuple[str, ...]) -> str:
    for path in candidates:
        if Path(path).is_file():
            return path
    sys.exit(f"make_demo: no font found (tried {', '.join(candidates)}); install fonts-dejavu-core")


def _read_wav(path: Path) -> array.array[int]:
    with wave.open(str(path), "rb") as w:
        if w.getnchannels() != 1 or w.getsampwidth() != 2 or w.getframerate() != RATE:
            raise RuntimeError(f"{path}: expected 16-bit mono {RATE} Hz")
        samples = array.array("h")
        samples.frombytes(w.readframes(w.getnframes()))
    if sys.byteorder == "big":
        samples.byteswap()
    return samples


def _trim(samples: array.array[int]) -> array.array[int]:
    """Drop espeak-ng's leading and trailing silence, keeping 20 ms either side."""
    loud = [i for i in range(0, len(samples), 32) if abs(samples[i]) >= SILENCE_LEVEL]
    if not loud:
        return samples
    pad = RATE // 50
    return samples[max(0, loud[0] - pad) : min(len(samples), loud[-1] + 32 + pad)]


def _ms(samples: array.array[int]) -> int:
    return len(samples) * 1000 // RATE


def _speak(espeak: str, text: str, wpm: int, path: Path) -> array.array[int]:
    subprocess.run(
        [espeak, "-v", VOICE, "-s", str(wpm), "-w", str(path), "--stdin"],
        input=text.encode("utf-8"),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return _trim(_read_wav(path))


def _atempo_chain(tempo: float) -> str:
    parts: list[str] = []
    while tempo > 2.0:
        parts.append("atempo=2.0")
        tempo /= 2.0
    parts.append(f"atempo={tempo:.4f}")
    return ",".join(parts)


def _stretch(ffmpeg: str, samples: array.array[int], tempo: float, work: Path) -> array.array[int]:
    src, dst = work / "stretch-in.wav", work / "stretch-out.wav"
    _write_wav(src, samples)
    subprocess.run(
        [
            ffmpeg,
            "-v",
            "error",
            "-y",
            "-i",
            str(src),
            "-af",
            _atempo_chain(tempo),
            "-ar",
            str(RATE),
            "-ac",
            "1",
            "-c:a",
            "pcm_s16le",
            str(dst),
        ],
        check=True,
    )
    return _read_wav(dst)


def _write_wav(path: Path, samples: array.array[int]) -> None:
    out = samples
    if sys.byteorder == "big":
        out = array.array("h", samples)
        out.byteswap()
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(out.tobytes())


def _fit_line(espeak: str, ffmpeg: str, fit: Fit, text: str, work: Path) -> array.array[int]:
    """Speech for one line that ends at least GAP_MS before its slot ends."""
    wav = work / f"line-{fit.index:02d}.wav"
    avail = fit.slot_ms - GAP_MS
    samples = _speak(espeak, text, NORMAL_WPM, wav)
    # espeak's rate is not linear in -s (pauses, sentence ends): re-aim a few times.
    for _ in range(4):
        if _ms(samples) <= avail or fit.wpm >= MAX_WPM:
            break
        fit.wpm = min(MAX_WPM, math.ceil(fit.wpm * _ms(samples) / avail * 1.03))
        samples = _speak(espeak, text, fit.wpm, wav)
    if _ms(samples) > avail:
        fit.tempo = _ms(samples) / avail * 1.02
        samples = _stretch(ffmpeg, samples, fit.tempo, work)
    limit = avail * RATE // 1000
    if len(samples) > limit:
        fit.cut = True
        samples = samples[:limit]
        fade = min(len(samples), RATE // 100)  # 10 ms fade-out so the cut does not click
        for k in range(fade):
            i = len(samples) - fade + k
            samples[i] = samples[i] * (fade - k) // fade
    fit.spoken_ms = _ms(samples)
    return samples


def _escape_path(path: Path) -> str:
    """A path as a filtergraph option value (quoted; our temp paths have no quotes)."""
    return "'" + str(path).replace("\\", "/").replace(":", "\\:") + "'"


def _filtergraph(lines: list[tuple[int, int, str]], work: Path, font: str, mono: str) -> str:
    """Title, running clock (M:SS.d from the frame number) and one caption per line."""
    filters = [
        f"drawtext=fontfile={_escape_path(Path(font))}:text='Proofreel demo'"
        ":fontsize=26:fontcolor=0x9fb4d0:x=(w-text_w)/2:y=24",
        # Frame n of a FPS=10 video is at n/10 s exactly: no float rounding in the clock.
        f"drawtext=fontfile={_escape_path(Path(mono))}"
        r":text='%{eif\:trunc(n/600)\:d}\:%{eif\:mod(trunc(n/10)\,60)\:d\:2}"
        r".%{eif\:mod(n\,10)\:d}'"
        ":fontsize=84:fontcolor=white:x=(w-text_w)/2:y=80",
    ]
    for i, (start, end, text) in enumerate(lines):
        caption = work / f"caption-{i:02d}.txt"
        wrapped = textwrap.fill(text, CAPTION_WIDTH_CHARS)
        caption.write_text(wrapped, encoding="utf-8")
        filters.append(
            f"drawtext=fontfile={_escape_path(Path(font))}:textfile={_escape_path(caption)}"
            ":expansion=none:fontsize=24:fontcolor=0xfff3c4:line_spacing=6"
            ":box=1:boxcolor=black@0.45:boxborderw=10"
            ":x=(w-text_w)/2:y=h-text_h-40"
            f":enable='gte(t\\,{start / 1000:.3f})*lt(t\\,{end / 1000:.3f})'"
        )
    return f"color=c=0x1c2230:s={WIDTH}x{HEIGHT}:r={FPS}[bg];[bg]" + ",".join(filters) + "[v]"


def build(out: Path) -> list[Fit]:
    espeak, ffmpeg = _need("espeak-ng"), _need("ffmpeg")
    font, mono = _font(FONT_CANDIDATES), _font(MONO_FONT_CANDIDATES)
    text = SOURCE.read_text(encoding="utf-8")
    lines = read_page(text).transcript.lines
    if not lines:
        sys.exit("make_demo: no transcript lines read")
    out.mkdir(parents=True, exist_ok=True)
    total_ms = max(line.end_ms for line in lines) + TAIL_MS
    mix = array.array("h", bytes(2 * (total_ms * RATE // 1000)))
    fits: list[Fit] = []
    with tempfile.TemporaryDirectory(prefix="proofreel-demo-") as tmp:
        work = Path(tmp)
        for i, line in enumerate(lines):
            fit = Fit(i, line.start_ms, line.end_ms - line.start_ms, NORMAL_WPM)
            samples = _fit_line(espeak, ffmpeg, fit, line.text, work)
            offset = line.start_ms * RATE // 1000
            for k, value in enumerate(samples):  # slots do not overlap: add and clip
                j = offset + k
                mix[j] = max(-32768, min(32767, mix[j] + value))
            fits.append(fit)
        audio = work / "speech.wav"
        _write_wav(audio, mix)
        graph = work / "graph.txt"
        graph.write_text(
            _filtergraph([(ln.start_ms, ln.end_ms, ln.text) for ln in lines], work, font, mono),
            encoding="utf-8",
        )
        video = out / VIDEO_NAME
        subprocess.run(
            [
                ffmpeg,
                "-v",
                "error",
                "-y",
                "-i",
                str(audio),
                "-filter_complex_script",
                str(graph),
                "-map",
                "[v]",
                "-map",
                "0:a",
                "-t",
                f"{total_ms / 1000:.3f}",
                "-c:v",
                "libx264",
                "-preset",
                "veryslow",
                "-tune",
                "stillimage",
                "-crf",
                "32",
                "-pix_fmt",
                "yuv420p",
                "-g",
                str(FPS * 10),
                "-threads",
                "1",
                "-c:a",
                "aac",
                "-b:a",
                "48k",
                "-ac",
                "1",
                "-ar",
                str(RATE),
                "-map_metadata",
                "-1",
                "-fflags",
                "+bitexact",
                "-flags:v",
                "+bitexact",
                "-flags:a",
                "+bitexact",
                "-movflags",
                "+faststart",
                str(video),
            ],
            check=True,
        )
    shutil.copyfile(SOURCE, out / TEXT_NAME)
    (out / "README.md").write_text(README, encoding="utf-8")
    return fits


README = """\
# Demo project

`proofreel --demo` opens these two files:

- `news-page.txt`: a copy of `tests/data/news-page.txt`, the text of a news video page as a
  browser's "select all, copy" gives it (page furniture, description, hashtags, then a
  `Transcript` section of 61 time-stamped lines). It is the transcript under review.
- `news.mp4`: a synthetic video made for it. Each transcript line is spoken by espeak-ng
  starting at its time stamp (sped up, when needed, to end before the next line starts), over a
  dark 640x360, 10 fps picture showing the title, a running clock (M:SS.d) and the current
  line as a caption. No footage or audio of the original broadcast is used.

Both are generated; do not edit them by hand. To rebuild (needs espeak-ng, ffmpeg with libx264,
and the DejaVu fonts), from the repository root:

    .venv/bin/python packaging/make_demo.py            # writes resources/demo/
    .venv/bin/python packaging/make_demo.py --out DIR  # elsewhere

`tests/packaging/test_demo_assets.py` checks the committed files.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help=f"output folder (default: {DEFAULT_OUT.relative_to(ROOT)})",
    )
    args = parser.parse_args(argv)
    fits = build(args.out)
    for fit in fits:
        notes = []
        if fit.wpm != NORMAL_WPM:
            notes.append(f"{fit.wpm} wpm")
        if fit.tempo != 1.0:
            notes.append(f"atempo {fit.tempo:.2f}")
        if fit.cut:
            notes.append("CUT")
        if notes:
            print(
                f"line {fit.index + 1:2d} at {fit.start_ms / 1000:6.1f}s "
                f"slot {fit.slot_ms} ms, speech {fit.spoken_ms} ms: {', '.join(notes)}"
            )
    sped = sum(f.wpm != NORMAL_WPM for f in fits)
    stretched = sum(f.tempo != 1.0 for f in fits)
    cut = sum(f.cut for f in fits)
    video = args.out / VIDEO_NAME
    print(
        f"{len(fits)} lines: {sped} sped up, {stretched} time-compressed, {cut} cut; "
        f"{video} is {video.stat().st_size / 1e6:.2f} MB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
