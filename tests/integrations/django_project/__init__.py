"""A tiny real Django project the integration tests run against."""
