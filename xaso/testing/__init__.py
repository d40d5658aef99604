"""What the tests of several apps share, in one place (no test module imports another).

- `clients`: a test client signed in with a role of a commune (`log_in_as`);
- `browser`: the accessibility audit every public and admin page passes (`assert_accessible`)
  and signing in through the admin's form in a browser (`log_in`);
- `routes`: every admin URL (`admin_routes`);
- `server`: running the application in a process of its own (granian) against the test database;
- `files`: small valid files to upload (`PNG_BYTES`; PDFs are in `legal/tests/factories.py`);
- `samples`: texts found in the communes' old documents (legacy Vietnamese encodings).

Fixtures (the commune, a second commune, the demo, browsers) are in `xaso/conftest.py`; each
app's test data is made by the functions of its `tests/factories.py`. Like `xaso/conftest.py`,
this package sits above every app and imports from any.
"""
