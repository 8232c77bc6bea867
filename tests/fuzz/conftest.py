"""Hypothesis profiles for the fuzz suite: a bounded run in CI, a long campaign by `make fuzz`.

`FILIGRANE_FUZZ=long` selects the long profile (many more examples, no deadline); the default
profile keeps the whole suite to a few minutes on a 2-core machine.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "long",
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.load_profile("long" if os.environ.get("FILIGRANE_FUZZ") == "long" else "ci")
