"""The campaigns' screens: in the admin, one module per entity (`campaigns`, `segments`,
`households`), the households' workbooks (`workbooks`) and the dashboard, registered by
`wagtail_hooks.py`; on the portal, the JSON API (`api`, routed from `xaso/urls.py`)."""
