"""`aftersales bench`: performance figures on this machine, one module per part of the desk."""

from .core import bench_actor, percentile
from .run import UI_ENV, collect, main, render

__all__ = ["UI_ENV", "bench_actor", "collect", "main", "percentile", "render"]
