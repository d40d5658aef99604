"""The New Rural programme's admin screens, one module per entity (viewsets and their views),
with who may do what (`policies`), the dashboard and the report downloads; `wagtail_hooks.py`
registers them."""
