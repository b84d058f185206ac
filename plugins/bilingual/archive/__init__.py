from .archive import register

__all__ = ["register"]
