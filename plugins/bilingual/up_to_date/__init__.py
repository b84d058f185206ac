from .up_to_date import register

__all__ = ["register"]
