from django.db import migrations


def remove_welcome_page(apps, schema_editor):
    """Drop the placeholder page and site that Wagtail creates: each commune brings its own."""
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    welcome = Page.objects.filter(
        depth=2, content_type__app_label="wagtailcore", content_type__model="page", numchild=0
    )
    Site.objects.filter(root_page__in=welcome).delete()
    welcome.delete()
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        root.numchild = Page.objects.filter(depth=2).count()
        root.save(update_fields=["numchild"])


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(remove_welcome_page, migrations.RunPython.noop)]
