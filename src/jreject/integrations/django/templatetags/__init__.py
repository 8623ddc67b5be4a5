"""Template tags: ``{% load jreject %}``."""
