from .progress import register

__all__ = ["register"]
