"""The configuration checks refuse a private root that a web server would serve, and warn when
the second factor is switched off or no security contact is set in a deployment."""

from __future__ import annotations

from django.core.checks import run_checks
from django.test import override_settings

from xaso.core.checks import check_private_bucket, check_private_root


def _ids(errors) -> list[str]:
    return [error.id for error in errors]


def test_the_shipped_layout_passes(tmp_path):
    with override_settings(
        MEDIA_ROOT=tmp_path / "media",
        STATIC_ROOT=tmp_path / "static",
        XASO_PRIVATE_ROOT=tmp_path / "private",
    ):
        assert check_private_root() == []
        assert "xaso.E002" not in _ids(run_checks())


def test_a_private_root_inside_or_equal_to_media_or_static_is_refused(tmp_path):
    media, static = tmp_path / "media", tmp_path / "static"
    for private, where in (
        (media / "private", "MEDIA_ROOT"),
        (media, "MEDIA_ROOT"),
        (tmp_path / "media" / "x" / ".." / "rieng", "MEDIA_ROOT"),  # resolved, not compared as text
        (static / "private", "STATIC_ROOT"),
    ):
        with override_settings(MEDIA_ROOT=media, STATIC_ROOT=static, XASO_PRIVATE_ROOT=private):
            errors = check_private_root()
            assert _ids(errors) == ["xaso.E002"], private
            assert where in errors[0].msg and "XASO_PRIVATE_ROOT" in errors[0].msg
            assert "xaso.E002" in _ids(run_checks())  # registered: `manage.py check` fails


def test_a_symlink_into_media_is_seen_through(tmp_path):
    media = tmp_path / "media"
    (media / "rieng").mkdir(parents=True)
    (tmp_path / "private").symlink_to(media / "rieng")
    with override_settings(MEDIA_ROOT=media, XASO_PRIVATE_ROOT=tmp_path / "private"):
        assert _ids(check_private_root()) == ["xaso.E002"]


def test_a_private_root_beside_media_whose_name_starts_the_same_is_fine(tmp_path):
    with override_settings(
        MEDIA_ROOT=tmp_path / "media", XASO_PRIVATE_ROOT=tmp_path / "media-private"
    ):
        assert check_private_root() == []


def test_deploy_check_warns_without_the_second_factor(settings):
    settings.XASO_SECOND_FACTOR_REQUIRED = True
    assert "xaso.W001" not in {m.id for m in run_checks(include_deployment_checks=True)}
    settings.XASO_SECOND_FACTOR_REQUIRED = False
    assert "xaso.W001" in {m.id for m in run_checks(include_deployment_checks=True)}
    # Not a worry while developing.
    assert "xaso.W001" not in {m.id for m in run_checks()}


def test_a_deployment_without_a_security_contact_is_warned():
    from xaso.core.checks import check_security_contact

    with override_settings(XASO_SECURITY_CONTACT=[]):
        assert _ids(check_security_contact()) == ["xaso.W003"]
    with override_settings(XASO_SECURITY_CONTACT=["mailto:attt@haiphong.gov.vn"]):
        assert check_security_contact() == []


def test_object_storage_needs_a_private_bucket_of_its_own():
    with override_settings(XASO_S3_BUCKET="", XASO_S3_PRIVATE_BUCKET=""):
        assert check_private_bucket() == []  # local folders
    with override_settings(XASO_S3_BUCKET="xaso-media", XASO_S3_PRIVATE_BUCKET="xaso-private"):
        assert check_private_bucket() == []
    for private in ("", "xaso-media"):
        with override_settings(XASO_S3_BUCKET="xaso-media", XASO_S3_PRIVATE_BUCKET=private):
            assert _ids(check_private_bucket()) == ["xaso.E003"]
