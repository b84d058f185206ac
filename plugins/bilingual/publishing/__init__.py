from .publishing import register

__all__ = ["register"]
