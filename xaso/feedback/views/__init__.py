"""The feedback screens: in the admin, the intake register (`submissions`), the questions and
answers (`questions`) and the dashboard, registered by `wagtail_hooks.py`; on the portal, the
residents' form, tracking and questions pages (`public`) and the sender's own data (`privacy`),
routed by `urls.py` and `QuestionIndexPage`."""
