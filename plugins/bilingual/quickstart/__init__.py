from .quickstart import main

__all__ = ["main"]
