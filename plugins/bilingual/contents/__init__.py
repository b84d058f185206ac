from .contents import register

__all__ = ["register"]
