"""Texts of real documents in the legacy Vietnamese encodings, with their Unicode transcripts."""

from __future__ import annotations

from decimal import Decimal

# From TrizenX/viparse-corpus, a corpus of public Vietnamese government documents kept in their
# legacy encodings, with checked Unicode transcripts in ground-truth/. The legacy strings below are
# the Windows-1252 reading of the documents' bytes; the expected strings are the transcripts.

# corpus/public-domain/tcvn3/2003-A04.rtf (.VnTime/.VnTimeH), Thông tư 99/1998/TT-BTC of the
# Ministry of Finance, from http://www.mof.gov.vn/wsold/hethong_vb/thue/A04.rtf; transcript
# ground-truth/2003-A04.txt, lines 1-10. The heading was set in .VnTimeH: "Sè:" shows as "SỐ:".
MOF_TCVN3 = (
    "Bé tµi chÝnh\t\t                 céng hoµ x· héi chñ nghÜa viÖt nam\n"
    "----------*----------                                                     "
    "§éc lËp - Tù do - H¹nh phóc\n"
    "Sè:    99/ 1998/TT-BTC                                       "
    "---------------------------------------------            \n"
    "\t\t\t\t                             Hµ néi, ngµy  14   th¸ng  7   n¨m 1998\n"
    "\n"
    "\n"
    "th«ng t\xad\n"
    " H\xadíng dÉn thi hµnh NghÞ ®Þnh sè 30/1998/N§-CP\n"
    "ngµy 13 th¸ng 5 n¨m 1998  cña ChÝnh phñ qui ®Þnh \n"
    "chi tiÕt thi hµnh LuËt thuÕ thu nhËp doanh nghiÖp."
)
MOF_UNICODE = (
    "Bộ tài chính\t\t                 cộng hoà xã hội chủ nghĩa việt nam\n"
    "----------*----------                                                     "
    "Độc lập - Tự do - Hạnh phúc\n"
    "SỐ:    99/ 1998/TT-BTC                                       "
    "---------------------------------------------            \n"
    "\t\t\t\t                             Hà nội, ngày  14   tháng  7   năm 1998\n"
    "\n"
    "\n"
    "thông tư\n"
    " Hướng dẫn thi hành Nghị định số 30/1998/NĐ-CP\n"
    "ngày 13 tháng 5 năm 1998  của Chính phủ qui định \n"
    "chi tiết thi hành Luật thuế thu nhập doanh nghiệp."
)

# corpus/public-domain/vni/2008-23.QD-991-UBND.doc (VNI-Times), Quyết định 991/QĐ-UBND of the
# People's Committee of Bình Phước province, from congbao.binhphuoc.gov.vn; transcript
# ground-truth/2008-23.QD-991-UBND.txt, lines 1-8. Word's paragraph marks are given as the CRLF a
# browser form sends.
BINH_PHUOC_VNI = (
    "UÛY BAN NHAÂN DAÂN         \tCOÄNG HOAØ XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM\r\n"
    "TÆNH BÌNH PHÖÔÙC                                    Ñoäc laäp - Töï do - Haïnh phuùc\r\n"
    "\r\n"
    "  Soá: 991/QÑ-UBND                                           "
    "Ñoàng Xoaøi, ngaøy 14 thaùng5 naêm 2008\r\n"
    "\r\n"
    "QUYEÁT ÑÒNH\r\n"
    "Veà vieäc pheâ duyeät Keá hoaïch thöïc hieän quy hoaïch söû duïng röøng, ñaát röøng \r\n"
    "vaø ñaát chuyeån ra khoûi laâm phaàn sau raø soaùt quy hoaïch 03 loaïi röøng\r\n"
)
BINH_PHUOC_UNICODE = (
    "ỦY BAN NHÂN DÂN         \tCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\r\n"
    "TỈNH BÌNH PHƯỚC                                    Độc lập - Tự do - Hạnh phúc\r\n"
    "\r\n"
    "  Số: 991/QĐ-UBND                                           "
    "Đồng Xoài, ngày 14 tháng5 năm 2008\r\n"
    "\r\n"
    "QUYẾT ĐỊNH\r\n"
    "Về việc phê duyệt Kế hoạch thực hiện quy hoạch sử dụng rừng, đất rừng \r\n"
    "và đất chuyển ra khỏi lâm phần sau rà soát quy hoạch 03 loại rừng\r\n"
)

# corpus/public-domain/vni/2006-quydinhkiemtra02.doc (VNI-Times), Quy định of the People's
# Committee of Cà Mau province, from http://www.camau.gov.vn/upload/lawdata/quydinhkiemtra02.doc;
# transcript ground-truth/2006-quydinhkiemtra02.txt, lines 10-12.
CA_MAU_VNI = "Chöông I\nNHÖÕNG QUY ÑÒNH CHUNG\n\tÑieàu 1 . Phaïm vi ñieàu chænh."
CA_MAU_UNICODE = "Chương I\nNHỮNG QUY ĐỊNH CHUNG\n\tĐiều 1 . Phạm vi điều chỉnh."


# Numbers as people type them in a spreadsheet cell, and what every app reads them as
# (`xaso.core.workbook.cell_number`): the campaigns' and the New Rural workbooks alike.
TYPED_NUMBERS = [
    ("150.000", Decimal(150000)),
    ("150,000", Decimal(150000)),
    ("1.234,5", Decimal("1234.5")),
    ("1,234.5", Decimal("1234.5")),
    ("12 %", Decimal(12)),
    ("12%", Decimal(12)),
    ("89,5", Decimal("89.5")),
]
