from .front_matter import register

__all__ = ["register"]
