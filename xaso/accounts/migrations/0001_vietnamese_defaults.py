"""Wagtail's migrations create groups, a task and a workflow named in English ("Editors",
"Moderators", "Moderators approval"); staff see those names in the admin. Named in Vietnamese
here (xaso's own per-commune groups are made by accounts.services)."""

from django.db import migrations

GROUPS = {"Editors": "Biên tập viên (toàn hệ thống)", "Moderators": "Kiểm duyệt (toàn hệ thống)"}
APPROVAL = {"Moderators approval": "Duyệt bài (toàn hệ thống)"}


def forward(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    for old, new in GROUPS.items():
        if not Group.objects.filter(name=new).exists():
            Group.objects.filter(name=old).update(name=new)
    for old, new in APPROVAL.items():
        Task.objects.filter(name=old).update(name=new)
        Workflow.objects.filter(name=old).update(name=new)


def backward(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    for old, new in GROUPS.items():
        Group.objects.filter(name=new).update(name=old)
    for old, new in APPROVAL.items():
        Task.objects.filter(name=new).update(name=old)
        Workflow.objects.filter(name=new).update(name=old)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(forward, backward)]
