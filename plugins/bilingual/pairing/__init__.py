from .pairing import register

__all__ = ["register"]
