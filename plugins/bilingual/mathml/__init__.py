from .mathml import register

__all__ = ["register"]
