"""The reference lists every commune starts with (editable in the admin): document types,
fields of state management (nested) and the national issuing bodies."""

from django.db import migrations

DOCUMENT_TYPES = [
    "Luật", "Nghị quyết", "Nghị định", "Quyết định", "Chỉ thị", "Thông tư", "Kế hoạch",
    "Chương trình", "Quy chế", "Quy định", "Hướng dẫn", "Thông báo", "Công văn", "Báo cáo",
    "Tờ trình", "Dự thảo",
]  # fmt: skip
FIELDS = {
    "Tổ chức bộ máy – Cán bộ": [],
    "Đất đai": ["Quy hoạch, kế hoạch sử dụng đất", "Bồi thường, giải phóng mặt bằng"],
    "Xây dựng – Giao thông": ["Giao thông nông thôn", "Trật tự xây dựng"],
    "Nông nghiệp – Nông thôn mới": [],
    "Tài chính – Ngân sách": [],
    "Tư pháp – Hộ tịch": [],
    "Văn hóa – Thông tin – Thể thao": [],
    "Giáo dục – Đào tạo": [],
    "Y tế": [],
    "Lao động – Chính sách xã hội": [],
    "Tài nguyên – Môi trường": [],
    "Quốc phòng – An ninh": [],
    "Khoa học – Công nghệ – Chuyển đổi số": [],
    "Dân chủ ở cơ sở": [],
}
NATIONAL_ISSUERS = ["Quốc hội", "Chính phủ", "Thủ tướng Chính phủ"]


def forward(apps, schema_editor):
    DocumentType = apps.get_model("legal", "DocumentType")
    LegalField = apps.get_model("legal", "LegalField")
    Issuer = apps.get_model("legal", "Issuer")
    for order, name in enumerate(DOCUMENT_TYPES):
        DocumentType.objects.get_or_create(name=name, defaults={"sort_order": order})
    for order, (name, children) in enumerate(FIELDS.items()):
        parent, _ = LegalField.objects.get_or_create(
            name=name, parent=None, defaults={"sort_order": order}
        )
        for child_order, child in enumerate(children):
            LegalField.objects.get_or_create(
                name=child, parent=parent, defaults={"sort_order": child_order}
            )
    for order, name in enumerate(NATIONAL_ISSUERS):
        Issuer.objects.get_or_create(name=name, commune=None, defaults={"sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("legal", "0001_initial")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
