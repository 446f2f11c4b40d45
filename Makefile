# Every target creates .venv/ and installs the pinned dependencies first, so a fresh clone needs
# only `make run` or `make test`.
PY := .venv/bin/python
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: run test index check eval bench lock documents clean chromium

# torch is the CPU build, pinned with its local label (torch==2.13.0+cpu in requirements.lock): PyPI
# has only the CUDA build of torch 2.13.0, which pulls gigabytes of nvidia-* wheels. pip tries its own
# configured sources first (pip.conf, PIP_FIND_LINKS, a local mirror: how an offline machine carrying
# the wheel installs it); only when they lack that exact wheel is it fetched from PyTorch's CPU index,
# with --index-url so nothing else comes from there. The rest of the lock then finds torch installed.
TORCH := $(shell grep -m1 '^torch==' requirements.lock)
TORCH_INDEX ?= https://download.pytorch.org/whl/cpu

.venv/.installed: requirements.lock
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --no-deps '$(TORCH)' 2>/dev/null \
		|| $(PY) -m pip install --quiet --no-deps --index-url $(TORCH_INDEX) '$(TORCH)'
	$(PY) -m pip install --quiet -r requirements.lock
	touch $@

run: .venv/.installed
	$(PY) bot.py run

test: .venv/.installed
	$(PY) bot.py check
	$(PY) -m pytest -q

# Optional: headless Chromium for tests/test_stats.py's browser check (skipped without it). Not part
# of `make test`: Debian's package is a 113 MB download and 414 MB installed, not a cheap set-up step.
chromium:
	test -x /usr/bin/chromium || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium)

index: .venv/.installed
	$(PY) bot.py index

check: .venv/.installed
	$(PY) bot.py check

eval: .venv/.installed
	$(PY) bot.py eval

bench: .venv/.installed
	$(PY) bench/ask_latency.py

documents: .venv/.installed
	$(PY) scripts/build_documents.py

lock: .venv/.installed
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip freeze > requirements.lock   # keeps torch's +cpu label

clean:
	rm -rf indexes/ .pytest_cache
