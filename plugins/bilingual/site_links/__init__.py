from .site_links import register

__all__ = ["register"]
