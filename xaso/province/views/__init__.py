"""The province's admin screens: the roll-ups of every commune (`rollups`), registered by
`wagtail_hooks.py`."""
