"""One libFuzzer process for one target: `python -m fuzz.run_one TARGET [libFuzzer flags] CORPUS`."""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["seer"]):
    import seer.models._json  # noqa: F401
    import seer.models.coords  # noqa: F401
    import seer.perception.image  # noqa: F401
    import seer.security  # noqa: F401
    import seer.skills.docs.readers  # noqa: F401

from fuzz.targets import TARGETS


def main() -> None:
    name = sys.argv[1]
    target = TARGETS[name]
    atheris.Setup([sys.argv[0], *sys.argv[2:]], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
