"""Deny by default, for data that exists already.

- Wagtail's default "Moderators" and "Editors" groups hold permissions on the whole page tree and
  the root collection, so anyone put in them could publish on every commune's portal: removed
  (xaso gives roles per commune only).
- Public holidays move every commune's deadlines: a commune administrator no longer adds or
  changes them; they are the province's.
- Portal settings are changed per site: the commune administrator's global permission becomes a
  permission on the commune's own site.
"""

from django.db import migrations


def forward(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    CommuneRole = apps.get_model("accounts", "CommuneRole")
    GroupSitePermission = apps.get_model("wagtailcore", "GroupSitePermission")
    Commune = apps.get_model("communes", "Commune")

    Group.objects.filter(name__in=["Moderators", "Editors"], commune_role__isnull=True).delete()
    holidays = Permission.objects.filter(
        content_type__app_label="disclosures",
        codename__in=["add_holiday", "change_holiday", "delete_holiday"],
    )
    settings = Permission.objects.filter(
        content_type__app_label="portal", codename="change_portalsettings"
    ).first()
    for record in CommuneRole.objects.select_related("group"):
        record.group.permissions.remove(*holidays)
        if settings is None or record.role != "administrator":
            continue
        if record.group.permissions.filter(pk=settings.pk).exists():
            record.group.permissions.remove(settings)
            site_id = Commune.objects.filter(pk=record.commune_id).values_list("site_id", flat=True)[0]
            if site_id is not None:
                GroupSitePermission.objects.get_or_create(
                    group=record.group, site_id=site_id, permission=settings
                )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_feedback_role"),
        ("communes", "__first__"),
        ("portal", "__first__"),
        ("disclosures", "__first__"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
