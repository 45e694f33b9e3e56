"""Coverage-guided fuzzing (atheris/libFuzzer) of seer's parsers of untrusted bytes and text.

    python -m fuzz --seconds 60            # every target, the time split between them
    python -m fuzz --target image --seconds 30

A finding is any exception other than a `SeerError` (or a hang/out-of-memory libFuzzer catches);
its input is saved under bench/out/fuzz/<target>/crashes. Needs `pip install atheris`.
"""
