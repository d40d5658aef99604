"""The province viewer: a group that is no commune's, reading every commune's dashboards, lists
and reports (`communes.view_all_communes` and view permissions only) and changing nothing.
`services.province_viewer_ensure` completes it (the permissions are named there too)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Tỉnh — xem báo cáo"


def forward(apps, schema_editor):
    from xaso.accounts.services import PROVINCE_VIEWER_PERMS

    # Permissions are made after migrating; this group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP_NAME)
    for dotted in PROVINCE_VIEWER_PERMS:
        app_label, codename = dotted.split(".")
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            group.permissions.add(permission)


def backward(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0008_reactivation"),
        ("communes", "0004_hosts_and_province_viewer"),
        ("party", "0002_labels"),
        ("ntm", "0003_labels"),
        ("campaigns", "0002_campaignpage"),
        ("feedback", "0003_questions"),
        ("legal", "0005_verbose_names"),
        ("disclosures", "0003_labels"),
        ("ratings", "0001_initial"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(forward, backward)]
