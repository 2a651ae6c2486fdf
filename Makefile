# Set-up and everyday commands. `make run` and `make test` do all the set-up they need, and are
# fast the second time (the venv is rebuilt only when pyproject.toml changes).
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
XVFB   := xvfb-run -a -s "-screen 0 1600x1000x24"

.PHONY: run test bench lint system-deps check-system-deps demo-media clean-venv

system-deps:
	@packaging/install-system-deps.sh

# Every program and font the tests use must come from a package system-packages.txt lists, so
# a clean CI machine gets the same set-up as this one (it names the package to add).
check-system-deps: system-deps
	@packaging/check-system-deps.sh

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	@touch $(STAMP)

run: system-deps $(STAMP)
	$(VENV)/bin/proofreel --demo

# Lint and types first (house style is enforced, not hoped for), then the whole suite, headless:
# under Xvfb so the VLC and window tests run for real.
test: system-deps check-system-deps $(STAMP) lint
	$(XVFB) $(PY) -m pytest

bench: system-deps $(STAMP)
	$(XVFB) $(PY) bench/run_all.py

lint: $(STAMP)
	$(VENV)/bin/ruff check app tests bench packaging
	$(VENV)/bin/ruff format --check app tests bench packaging
	$(VENV)/bin/mypy app/core app/store app/export

# Rebuild resources/demo/news.mp4 from the sample transcript (ffmpeg + espeak-ng).
demo-media: system-deps $(STAMP)
	$(PY) packaging/make_demo.py

clean-venv:
	rm -rf $(VENV)

# The Linux bundle dist/proofreel/ (PyInstaller, with libVLC and its plugins): packaging/README.md.
bundle: system-deps $(STAMP)
	packaging/build_bundle.sh

.PHONY: bundle
