from .series_threads import register

__all__ = ["register"]
