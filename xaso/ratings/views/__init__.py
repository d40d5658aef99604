"""The ratings' screens: the public rating endpoint (`public`, routed by `urls.py`) and the
admin report (`report`, registered by `wagtail_hooks.py`)."""
