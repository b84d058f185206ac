from .theme_support import register

__all__ = ["register"]
