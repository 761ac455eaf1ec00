"""qdbench: a bilingual reference tool over urban-development benchmark cases."""

__version__ = "0.1.0"
