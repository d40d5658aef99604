"""The province viewer reads no resident's personal data: the intake register's permission
(senders' names, addresses, phones and attachments) is taken from the group; the feedback
dashboard and the roll-ups show the province the counts without it."""

from django.db import migrations

GROUP_NAME = "Tỉnh — xem báo cáo"


def _register_permission(apps):
    return apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="feedback", codename="view_submission"
    )


def forward(apps, schema_editor):
    for group in apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME):
        group.permissions.remove(*_register_permission(apps))


def backward(apps, schema_editor):
    for group in apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME):
        group.permissions.add(*_register_permission(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0009_province_viewer"),
        ("feedback", "0003_questions"),
    ]

    operations = [migrations.RunPython(forward, backward)]
