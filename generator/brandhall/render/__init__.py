"""The pure render core: no MkDocs imports here, only Catalog -> pages."""

from .site import DEFAULT_SITE_NAME, SitePages, render_site

__all__ = ["DEFAULT_SITE_NAME", "SitePages", "render_site"]
