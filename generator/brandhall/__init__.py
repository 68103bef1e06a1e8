"""brandhall: party-building brand profiles (YAML + Markdown) -> a searchable showcase site."""

from .catalog import Brand, CaseStudy, Catalog, LoadResult
from .load import load_catalog
from .problems import Problem

__version__ = "0.1.0"

__all__ = ["Brand", "CaseStudy", "Catalog", "LoadResult", "Problem", "__version__", "load_catalog"]
