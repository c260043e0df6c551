# Two commands for a newcomer (see README): `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: dist run test test-fast test-slow soak lint demo bench translations clean system-deps system-deps-test

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test]"
	touch $(STAMP)

system-deps:
	@scripts/system-deps.sh

system-deps-test:
	@scripts/system-deps.sh test

## Set up and start the app on a new copy of the demo plan.
run: system-deps $(STAMP)
	$(BIN)/planner-app --demo

## Set up and run the linters and all tests (fast tier, then the slow crash test).
test: system-deps-test $(STAMP) lint test-fast test-slow

lint: $(STAMP)
	$(BIN)/python scripts/check_conflict_markers.py
	$(BIN)/ruff check planner_app tests bench
	$(BIN)/ruff format --check planner_app tests bench

test-fast: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -m "not slow" -q

test-slow: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -m slow -q

## The exchange's property test over 300 seeds (EXCHANGE_SEEDS=N for another count).
soak: $(STAMP)
	QT_QPA_PLATFORM=offscreen EXCHANGE_SEEDS=$${EXCHANGE_SEEDS:-300} $(BIN)/pytest -m slow -q -s \
		tests/test_exchange_property.py -k soak

## The Linux one-folder bundle and its tarball, in dist/ (PyInstaller).
dist: system-deps $(STAMP)
	PYTHON=$(BIN)/python installers/linux/build-tarball.sh

demo: $(STAMP)
	$(BIN)/planner-app demo demo.plan --force

bench: $(STAMP)
	$(BIN)/python bench/bench_plan_file.py

## Refresh the template and catalogues from the sources (lists what is untranslated),
## then compile .mo files (an app without them compiles the .po in memory).
translations: $(STAMP)
	-$(BIN)/python scripts/update_catalogues.py
	$(BIN)/pybabel compile -d resources/locale -D planner_app --statistics

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build dist *.egg-info
