"""Defaults that depend on the machine brum-config runs on."""

from __future__ import annotations

import os

__all__ = ["computed_max_goroutines"]


def computed_max_goroutines(cpu_cores: int | None = None) -> int:
    """Return Brummer's default goroutine limit for this machine.

    The specification's comment gives the formula `cpu_cores * 8`, clamped to
    32..512; its example value 64 is that formula on an 8-core machine.

    Args:
        cpu_cores: Number of CPU cores; the machine's own when omitted.

    Returns:
        The computed default.
    """
    cores = cpu_cores if cpu_cores is not None else (os.cpu_count() or 1)
    return max(32, min(cores * 8, 512))
