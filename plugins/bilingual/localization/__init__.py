from .localization import register

__all__ = ["register"]
