"""Demo content for the Liên Khê commune portal, written for xaso (facts from public reporting)."""

from typing import Any

COMMUNE: dict[str, str] = {
    "name": "Liên Khê",
    "kind": "xa",
    "province": "Hải Phòng",
    "district": "Thủy Nguyên",
    "official_code": "11938",
    "slug": "lien-khe",
    "hostname": "lienkhe.localhost",
    "address": "Trụ sở UBND xã Liên Khê, huyện Thủy Nguyên, thành phố Hải Phòng",
    "phone": "0225 3871 555",
    "email": "ubndlienkhe@haiphong.gov.vn",
    "responsible_person": "Ông Đỗ Văn Khánh – Chủ tịch UBND xã",
    "description": (
        "Liên Khê là xã thuộc huyện Thủy Nguyên, thành phố Hải Phòng, gồm các làng Thiểm Khê, Thụ "
        "Khê, Quỳ Khê và nhiều thôn dân cư gắn bó lâu đời với nghề nông. Những năm gần đây, xã tập "
        "trung xây dựng nông thôn mới kiểu mẫu, mở rộng giao thông nông thôn và đẩy mạnh chuyển "
        "đổi số trong phục vụ người dân."
    ),
}


HAMLETS: list[str] = [
    "Thiểm Khê",
    "Thụ Khê",
    "Quỳ Khê",
    "Thôn 4",
    "Thôn 5",
    "Thôn 6",
    "Thôn 7",
    "Thôn 8",
    "Thôn 9",
    "Thôn 10",
    "Thôn 11",
]


OFFICIALS: list[dict[str, str]] = [
    {
        "name": "Lê Minh Hòa",
        "position": "Bí thư Đảng ủy xã",
        "unit": "Đảng ủy xã",
        "phone": "0912 000 101",
        "email": "hoalm.lienkhe@haiphong.gov.vn",
        "biography": (
            "Ông Lê Minh Hòa từng nhiều năm công tác tại khối đoàn thể của huyện trước khi về xã. "
            "Ông có trình độ cử nhân kinh tế và cao cấp lý luận chính trị. Từ đầu nhiệm kỳ, ông "
            "giữ cương vị Bí thư Đảng ủy xã Liên Khê."
        ),
        "duties": (
            "Lãnh đạo toàn diện hoạt động của Đảng bộ xã; trực tiếp phụ trách công tác tổ chức, "
            "cán bộ và nội chính."
        ),
    },
    {
        "name": "Nguyễn Tiến Tập",
        "position": "Phó Bí thư Thường trực Đảng ủy xã",
        "unit": "Đảng ủy xã",
        "phone": "0912 000 102",
        "email": "tapnt.lienkhe@haiphong.gov.vn",
        "biography": (
            "Ông Nguyễn Tiến Tập là Phó Bí thư Thường trực Đảng ủy xã Liên Khê. Ông coi trọng việc "
            "đưa cán bộ, đảng viên về gần dân, sát cơ sở, gắn vận động xây dựng nông thôn mới với "
            "thực hiện Nghị quyết Trung ương 4 (khóa XI)."
        ),
        "duties": (
            "Giúp Bí thư điều hành công việc thường xuyên của Đảng ủy; phụ trách công tác xây dựng "
            "Đảng, nâng cao chất lượng sinh hoạt chi bộ và công tác dân vận."
        ),
    },
    {
        "name": "Trần Quang Huy",
        "position": "Chủ tịch HĐND xã",
        "unit": "Hội đồng nhân dân xã",
        "phone": "0912 000 103",
        "email": "huytq.lienkhe@haiphong.gov.vn",
        "biography": (
            "Ông Trần Quang Huy sinh ra và lớn lên tại thôn Thụ Khê. Trước khi được bầu làm Chủ "
            "tịch HĐND xã, ông là công chức tư pháp - hộ tịch và có nhiều năm gắn bó với công tác "
            "hòa giải ở cơ sở."
        ),
        "duties": (
            "Điều hành hoạt động của HĐND xã; chủ trì các kỳ họp, tiếp xúc cử tri và giám sát việc "
            "thực hiện nghị quyết của HĐND."
        ),
    },
    {
        "name": "Đỗ Văn Khánh",
        "position": "Chủ tịch UBND xã",
        "unit": "Ủy ban nhân dân xã",
        "phone": "0912 000 104",
        "email": "khanhdv.lienkhe@haiphong.gov.vn",
        "biography": (
            "Ông Đỗ Văn Khánh có bằng kỹ sư xây dựng và thạc sĩ quản lý công. Ông từng là Phó Chủ "
            "tịch UBND xã phụ trách kinh tế, hạ tầng trước khi giữ chức Chủ tịch UBND xã."
        ),
        "duties": (
            "Lãnh đạo, điều hành chung hoạt động của UBND xã; trực tiếp phụ trách công tác tài "
            "chính, ngân sách, đất đai và tiếp công dân."
        ),
    },
    {
        "name": "Hoàng Văn Lợi",
        "position": "Phó Chủ tịch UBND xã",
        "unit": "Ủy ban nhân dân xã",
        "phone": "0912 000 105",
        "email": "loihv.lienkhe@haiphong.gov.vn",
        "biography": (
            "Ông Hoàng Văn Lợi tốt nghiệp chuyên ngành kinh tế nông nghiệp. Ông có nhiều năm làm "
            "cán bộ khuyến nông và là thành viên thường trực Ban Chỉ đạo xây dựng nông thôn mới "
            "của xã."
        ),
        "duties": (
            "Phụ trách lĩnh vực kinh tế, nông nghiệp, giao thông, xây dựng và chương trình xây "
            "dựng nông thôn mới kiểu mẫu."
        ),
    },
    {
        "name": "Phạm Thị Thu Trang",
        "position": "Phó Chủ tịch UBND xã",
        "unit": "Ủy ban nhân dân xã",
        "phone": "0912 000 106",
        "email": "trangptt.lienkhe@haiphong.gov.vn",
        "biography": (
            "Bà Phạm Thị Thu Trang tốt nghiệp cử nhân công tác xã hội. Bà từng là Chủ tịch Hội "
            "Liên hiệp Phụ nữ xã trước khi được bầu làm Phó Chủ tịch UBND xã."
        ),
        "duties": (
            "Phụ trách lĩnh vực văn hóa, giáo dục, y tế, lao động - thương binh và xã hội; chỉ đạo "
            "công tác chuyển đổi số của xã."
        ),
    },
    {
        "name": "Bùi Thị Lan",
        "position": "Chủ tịch Ủy ban MTTQ Việt Nam xã",
        "unit": "Ủy ban Mặt trận Tổ quốc Việt Nam xã",
        "phone": "0912 000 107",
        "email": "lanbt.lienkhe@haiphong.gov.vn",
        "biography": (
            "Bà Bùi Thị Lan có hơn mười năm làm công tác mặt trận và đoàn thể ở cơ sở. Bà được bà "
            "con các thôn biết đến qua nhiều cuộc vận động hiến đất mở rộng đường giao thông."
        ),
        "duties": (
            "Chủ trì hoạt động của Ủy ban MTTQ xã; phối hợp các đoàn thể triển khai cuộc vận động "
            "toàn dân đoàn kết xây dựng nông thôn mới và giám sát, phản biện xã hội."
        ),
    },
    {
        "name": "Nguyễn Đức Mạnh",
        "position": "Chỉ huy trưởng Ban Chỉ huy Quân sự xã",
        "unit": "Ban Chỉ huy Quân sự xã",
        "phone": "0912 000 108",
        "email": "manhnd.lienkhe@haiphong.gov.vn",
        "biography": (
            "Ông Nguyễn Đức Mạnh từng phục vụ trong quân đội trước khi trở về địa phương. Ông được "
            "đào tạo chuyên ngành quân sự cơ sở và gắn bó với lực lượng dân quân tự vệ của xã."
        ),
        "duties": (
            "Tham mưu công tác quốc phòng, quân sự địa phương, tuyển quân và phòng chống thiên "
            "tai, tìm kiếm cứu nạn."
        ),
    },
    {
        "name": "Đinh Văn Tuấn",
        "position": "Trưởng Công an xã",
        "unit": "Công an xã",
        "phone": "0912 000 109",
        "email": "tuandv.lienkhe@haiphong.gov.vn",
        "biography": (
            "Ông Đinh Văn Tuấn là sĩ quan công an chính quy được điều động về xã. Ông có kinh "
            "nghiệm trong công tác quản lý cư trú và xây dựng phong trào toàn dân bảo vệ an ninh "
            "Tổ quốc."
        ),
        "duties": (
            "Chỉ huy lực lượng Công an xã bảo đảm an ninh trật tự; triển khai Đề án 06 về dữ liệu "
            "dân cư và định danh điện tử trên địa bàn."
        ),
    },
    {
        "name": "Vũ Thị Ngọc Anh",
        "position": "Công chức Văn phòng - Thống kê",
        "unit": "Văn phòng HĐND - UBND xã",
        "phone": "0912 000 110",
        "email": "anhvtn.lienkhe@haiphong.gov.vn",
        "biography": (
            "Bà Vũ Thị Ngọc Anh tốt nghiệp ngành công nghệ thông tin. Bà gắn bó với bộ phận một "
            "cửa của xã từ năm 2018 và là thành viên nòng cốt của các tổ công nghệ số cộng đồng."
        ),
        "duties": (
            "Quản trị cổng thông tin điện tử của xã; hướng dẫn người dân sử dụng dịch vụ công trực "
            "tuyến và tổng hợp, thống kê số liệu."
        ),
    },
]


CATEGORIES: list[dict[str, Any]] = [
    {
        "title": "Tin tức - Sự kiện",
        "slug": "tin-tuc-su-kien",
        "intro": "Tin tức, sự kiện nổi bật về đời sống chính trị, kinh tế, xã hội của xã Liên Khê.",
        "children": [
            {
                "title": "Đảng bộ xã Liên Khê",
                "slug": "dang-bo-xa-lien-khe",
                "intro": (
                    "Hoạt động xây dựng Đảng, sinh hoạt chi bộ và công tác dân vận của Đảng bộ xã."
                ),
                "children": [],
            },
            {
                "title": "Chính quyền",
                "slug": "chinh-quyen",
                "intro": "Hoạt động của HĐND, UBND xã và công tác cải cách hành chính.",
                "children": [],
            },
            {
                "title": "Mặt trận và đoàn thể",
                "slug": "mat-tran-va-doan-the",
                "intro": (
                    "Hoạt động của Mặt trận Tổ quốc, Hội Phụ nữ, Hội Nông dân, Hội Cựu chiến binh "
                    "và Đoàn Thanh niên xã."
                ),
                "children": [],
            },
        ],
    },
    {
        "title": "Nông thôn mới",
        "slug": "nong-thon-moi",
        "intro": (
            "Hành trình xây dựng nông thôn mới kiểu mẫu, từ đường làng, ngõ xóm đến từng khu dân "
            "cư."
        ),
        "children": [],
    },
    {
        "title": "Chuyển đổi số",
        "slug": "chuyen-doi-so",
        "intro": (
            "Dịch vụ công trực tuyến, định danh điện tử và các hướng dẫn giúp người dân làm quen "
            "với công nghệ số."
        ),
        "children": [],
    },
    {
        "title": "Văn hóa - Xã hội",
        "slug": "van-hoa-xa-hoi",
        "intro": "Lễ hội, giáo dục, y tế, an sinh xã hội và đời sống văn hóa ở các thôn.",
        "children": [],
    },
    {
        "title": "An ninh - Quốc phòng",
        "slug": "an-ninh-quoc-phong",
        "intro": "Công tác quân sự địa phương, giữ gìn an ninh trật tự và phòng chống thiên tai.",
        "children": [],
    },
    {
        "title": "Thông báo",
        "slug": "thong-bao",
        "intro": "Thông báo, lịch làm việc và hướng dẫn chính thức của chính quyền xã.",
        "children": [],
    },
]


REFERENCE_ARTICLE: dict[str, Any] = {
    "title": "Đảng bộ xã Liên Khê (Thủy Nguyên): Cán bộ Đảng viên gần dân, sát thực tế",
    "slug": "dang-bo-xa-lien-khe-can-bo-dang-vien-gan-dan-sat-thuc-te",
    "category": "dang-bo-xa-lien-khe",
    "lead": (
        "Theo ông Nguyễn Tiến Tập, Phó Bí thư Thường trực Đảng ủy xã Liên Khê (Thủy Nguyên), đưa "
        "cán bộ, đảng viên về cơ sở, gần dân, sát dân hằng ngày đã giúp nhiều phong trào của Đảng "
        "bộ đạt kết quả tốt, nổi bật là vận động nhân dân xây dựng nông thôn mới gắn với thực "
        "hiện Nghị quyết Trung ương 4 (khóa XI)."
    ),
    "body": [
        (
            "paragraph",
            (
                "<p>Theo ông Nguyễn Tiến Tập, Phó Bí thư Thường trực Đảng ủy xã Liên Khê, nhiều "
                "phong trào ở địa phương đạt kết quả là nhờ cán bộ, đảng viên đã thực sự về với cơ "
                "sở, ở gần dân. Rõ nét nhất là công tác vận động nhân dân cùng xây dựng nông thôn "
                "mới, được triển khai song song với việc thực hiện Nghị quyết Trung ương 4 (khóa "
                "XI).</p>"
            ),
        ),
        (
            "quote",
            {
                "text": (
                    "Cán bộ, đảng viên có xuống cơ sở, có gần dân thì phong trào mới chuyển động "
                    "được. Việc vận động bà con xây dựng nông thôn mới gắn với thực hiện Nghị "
                    "quyết Trung ương 4 khóa XI là minh chứng rõ nhất."
                ),
                "attribution": "Ông Nguyễn Tiến Tập, Phó Bí thư Thường trực Đảng ủy xã Liên Khê",
            },
        ),
        (
            "paragraph",
            (
                "<p>Giữa năm 2012, thực hiện chủ trương của Huyện ủy Thủy Nguyên, Đảng ủy xã đã "
                "chuyển các đảng viên là cán bộ, công chức xã từ Chi bộ cơ quan về sinh hoạt tại "
                "các chi bộ cơ sở. Mỗi cán bộ được giao phụ trách một chi bộ thôn, giữa các địa "
                "bàn có cơ chế kiểm tra chéo; mỗi ủy viên Ban Thường vụ Đảng ủy phụ trách 5 chi "
                "bộ.</p>"
            ),
        ),
        (
            "paragraph",
            (
                "<p>Trước khi có sự điều chỉnh này, sinh hoạt ở một số chi bộ còn nhiều hạn chế. "
                "Tại Chi bộ 6, Chi bộ 8 và Chi bộ 9, có đảng viên phát biểu theo cảm tính, không "
                "bám vào nghị quyết của chi bộ, thậm chí có biểu hiện buông lỏng về tư tưởng.</p>"
            ),
        ),
        (
            "paragraph",
            (
                "<p>Cũng trong thời gian đó, cán bộ xã sinh hoạt ở Chi bộ cơ quan ít có dịp xuống "
                "cơ sở, nên giữa cán bộ với người dân dường như có một khoảng cách. Các chi bộ "
                "thôn cũng ngại mời cán bộ xã về dự sinh hoạt.</p>"
            ),
        ),
        (
            "paragraph",
            (
                "<p>Từ khi cán bộ xã về sinh hoạt tại thôn, bí thư và chi ủy các chi bộ đã chuẩn "
                "bị nội dung sinh hoạt chu đáo, bám sát thực tiễn. Nội dung các buổi sinh hoạt "
                "thiết thực, có trọng tâm; hình thức đa dạng hơn; không khí thảo luận sôi nổi và "
                "tính chiến đấu được nâng lên rõ rệt.</p>"
            ),
        ),
        (
            "paragraph",
            (
                "<p>Kinh nghiệm của cán bộ xã được phát huy để cùng chi bộ tháo gỡ những vấn đề "
                "bức xúc ngay tại thôn. Giờ đây, các chi bộ đã chủ động mời cán bộ xã về dự sinh "
                "hoạt thay vì e ngại như trước.</p>"
            ),
        ),
        (
            "paragraph",
            (
                "<p>Đảng ủy xã chú trọng gắn việc nâng cao nhận thức về chương trình xây dựng nông "
                "thôn mới với kiểm điểm tư tưởng, đạo đức, lối sống theo tinh thần Nghị quyết "
                "Trung ương 4 (khóa XI). Qua đó, nhận thức và hành động của đảng viên có chuyển "
                "biến tích cực.</p>"
            ),
        ),
        (
            "paragraph",
            (
                "<p>Đảng ủy đã ban hành nghị quyết chuyên đề về vận động nhân dân <b>hiến đất làm "
                "đường</b>, yêu cầu cán bộ, đảng viên phải gương mẫu đi đầu. Để hàng trăm hộ dân "
                "nhanh chóng giải phóng mặt bằng, mở rộng 5 km đường trục chính của xã cùng các "
                "tuyến đường nội đồng, người làm công tác vận động phải nắm rõ mục đích của dự án, "
                "hiểu dân và tăng cường đối thoại để tìm được tiếng nói chung.</p>"
            ),
        ),
        (
            "paragraph",
            (
                "<p>Ở những khu vực giải phóng mặt bằng, cán bộ, đảng viên gương mẫu tháo dỡ công "
                "trình và bàn giao mặt bằng sớm. Chi bộ nào gặp khó khăn, Đảng ủy xã cử ủy viên "
                "Ban Chấp hành về trực tiếp giúp vận động.</p>"
            ),
        ),
        (
            "paragraph",
            (
                "<p>Nhờ cách làm đó, nhiều tuyến đường trục vào các thôn Thiểm Khê, Thụ Khê, Quỳ "
                "Khê cùng các tuyến đường đi Thôn 9, Thôn 10 đã được người dân bàn giao mặt bằng, "
                "hiến đất để mở rộng theo tiêu chí nông thôn mới.</p>"
            ),
        ),
    ],
    "author": "Ban biên tập",
    "source_name": "Hải Phòng Online",
    "source_url": "",
    "date": "2023-03-15",
    "tags": ["Xây dựng Đảng", "Nông thôn mới", "Nghị quyết Trung ương 4"],
    "views": 47,
    "featured": True,
    "image": True,
    "image_caption": "Một tuyến đường trục thôn ở Liên Khê được mở rộng nhờ người dân hiến đất",
}


ARTICLES: list[dict[str, Any]] = [
    {
        "title": "Liên Khê tổng kết năm 2022, hướng tới xây dựng nông thôn mới kiểu mẫu",
        "slug": "lien-khe-tong-ket-nam-2022-huong-toi-nong-thon-moi-kieu-mau",
        "category": "tin-tuc-su-kien",
        "lead": (
            "Hội nghị tổng kết công tác năm 2022 của xã Liên Khê đã đánh giá những kết quả nổi bật "
            "và thống nhất các chỉ tiêu trọng tâm cho năm 2023, trong đó xây dựng nông thôn mới "
            "kiểu mẫu là nhiệm vụ xuyên suốt."
        ),
        "body": [
            (
                "paragraph",
                (
                    "<p>Ngày 27/12, UBND xã Liên Khê tổ chức hội nghị tổng kết công tác năm 2022 "
                    "với sự tham dự của đại diện Đảng ủy, HĐND, Ủy ban MTTQ, các đoàn thể và "
                    "trưởng thôn trên địa bàn.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Trong năm, xã cơ bản hoàn thành các chỉ tiêu kinh tế - xã hội đề ra. Hạ "
                    "tầng giao thông tiếp tục được đầu tư, nhiều tuyến đường thôn được mở rộng nhờ "
                    "sự đồng thuận của người dân; công tác an sinh xã hội, giáo dục và y tế được "
                    "quan tâm.</p>"
                ),
            ),
            ("heading", "Nhiệm vụ trọng tâm năm 2023"),
            (
                "paragraph",
                (
                    "<p>Hội nghị thống nhất tập trung hoàn thiện các tiêu chí nông thôn mới kiểu "
                    "mẫu, đẩy mạnh chuyển đổi số trong hoạt động của chính quyền và giữ vững an "
                    "ninh trật tự. Mỗi thôn được giao chỉ tiêu cụ thể về vệ sinh môi trường và "
                    "chỉnh trang khu dân cư.</p>"
                ),
            ),
            (
                "quote",
                {
                    "text": (
                        "Mỗi thôn, mỗi tổ chức phải nhận phần việc cụ thể, có người chịu trách "
                        "nhiệm và có mốc thời gian hoàn thành rõ ràng."
                    ),
                    "attribution": "Ông Đỗ Văn Khánh, Chủ tịch UBND xã Liên Khê",
                },
            ),
            (
                "paragraph",
                (
                    "<p>Dịp này, UBND xã khen thưởng các tập thể, cá nhân có thành tích xuất sắc "
                    "trong phong trào thi đua năm 2022.</p>"
                ),
            ),
        ],
        "author": "Ban biên tập",
        "source_name": "",
        "source_url": "",
        "date": "2022-12-28",
        "tags": ["Tổng kết", "Nông thôn mới"],
        "views": 612,
        "featured": True,
        "image": True,
        "image_caption": "Quang cảnh hội nghị tổng kết công tác năm 2022 của xã Liên Khê",
    },
    {
        "title": "Thông báo lịch tiếp công dân định kỳ năm 2023 của Chủ tịch UBND xã",
        "slug": "thong-bao-lich-tiep-cong-dan-dinh-ky-nam-2023",
        "category": "thong-bao",
        "lead": (
            "Chủ tịch UBND xã Liên Khê tiếp công dân định kỳ vào thứ năm của tuần thứ hai và tuần "
            "thứ tư hằng tháng tại trụ sở UBND xã."
        ),
        "body": [
            (
                "paragraph",
                (
                    "<p>Thời gian tiếp: buổi sáng, từ 7 giờ 30 đến 11 giờ. Nếu ngày tiếp công dân "
                    "trùng ngày nghỉ lễ, lịch tiếp được chuyển sang ngày làm việc liền kề.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Công dân đến trình bày khiếu nại, tố cáo, kiến nghị, phản ánh cần mang "
                    "theo căn cước công dân và các giấy tờ, tài liệu liên quan.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Ngoài lịch định kỳ, công chức tư pháp - hộ tịch tiếp nhận đơn thư của công "
                    "dân trong giờ hành chính các ngày làm việc.</p>"
                ),
            ),
        ],
        "author": "Văn phòng HĐND - UBND xã",
        "source_name": "",
        "source_url": "",
        "date": "2022-12-30",
        "tags": ["Tiếp công dân"],
        "views": 88,
        "featured": False,
        "image": False,
        "image_caption": "",
    },
    {
        "title": (
            "Xã Liên Khê phát động thi đua năm 2023: hiện đại hóa, nông thôn mới kiểu mẫu và "
            "chuyển đổi số"
        ),
        "slug": "xa-lien-khe-phat-dong-thi-dua-nam-2023",
        "category": "tin-tuc-su-kien",
        "lead": (
            "Với khẩu hiệu hành động của năm, xã Liên Khê kêu gọi cán bộ và nhân dân chung sức "
            "thực hiện ba trọng tâm: hiện đại hóa đô thị, xây dựng nông thôn mới kiểu mẫu và "
            "chuyển đổi số."
        ),
        "body": [
            (
                "paragraph",
                (
                    "<p>Sáng 9/1, xã Liên Khê tổ chức lễ phát động phong trào thi đua năm 2023. "
                    "Khẩu hiệu được chọn cho cả năm là <b>“Năm 2023 xã Liên Khê đẩy mạnh hiện đại "
                    "hóa đô thị, xây dựng nông thôn mới kiểu mẫu - Thực hiện chuyển đổi "
                    "số”</b>.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Theo kế hoạch, mỗi thôn đăng ký ít nhất một công trình, phần việc cụ thể "
                    "như chỉnh trang đường làng, trồng cây xanh, lắp đèn chiếu sáng hoặc làm tuyến "
                    "đường hoa. Các đoàn thể gắn phong trào với nhiệm vụ riêng của tổ chức "
                    "mình.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Trong lĩnh vực chuyển đổi số, xã đặt mục tiêu phần lớn hồ sơ thủ tục hành "
                    "chính được tiếp nhận, xử lý trên môi trường mạng; người dân được hướng dẫn sử "
                    "dụng tài khoản định danh điện tử và thanh toán trực tuyến.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Kết quả thi đua sẽ được sơ kết vào giữa năm, tổng kết vào cuối năm và là "
                    "căn cứ để bình xét khen thưởng.</p>"
                ),
            ),
        ],
        "author": "Văn phòng HĐND - UBND xã",
        "source_name": "",
        "source_url": "",
        "date": "2023-01-10",
        "tags": ["Thi đua", "Chuyển đổi số", "Nông thôn mới"],
        "views": 388,
        "featured": False,
        "image": False,
        "image_caption": "",
    },
    {
        "title": "Trao quà Tết Quý Mão cho hộ nghèo, gia đình chính sách",
        "slug": "trao-qua-tet-quy-mao-cho-ho-ngheo-gia-dinh-chinh-sach",
        "category": "mat-tran-va-doan-the",
        "lead": (
            "Ủy ban MTTQ Việt Nam xã Liên Khê phối hợp với các đoàn thể và nhà hảo tâm trao hàng "
            "trăm suất quà, giúp các gia đình khó khăn đón Tết đầm ấm."
        ),
        "body": [
            (
                "paragraph",
                (
                    "<p>Các suất quà gồm tiền mặt, gạo, dầu ăn và bánh kẹo, được trao tận tay hộ "
                    "nghèo, hộ cận nghèo, người cao tuổi neo đơn và gia đình chính sách ở 11 "
                    "thôn.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Kinh phí được huy động từ Quỹ “Vì người nghèo” của xã, sự đóng góp của "
                    "doanh nghiệp trên địa bàn và con em quê hương làm ăn xa.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Mặt trận xã đề nghị ban công tác mặt trận các thôn tiếp tục rà soát, không "
                    "để sót đối tượng cần hỗ trợ, bảo đảm mọi người dân đều có Tết.</p>"
                ),
            ),
        ],
        "author": "Ủy ban MTTQ xã",
        "source_name": "",
        "source_url": "",
        "date": "2023-01-12",
        "tags": ["An sinh xã hội", "Tết Quý Mão"],
        "views": 365,
        "featured": False,
        "image": True,
        "image_caption": "Trao quà Tết cho người cao tuổi có hoàn cảnh khó khăn",
    },
    {
        "title": "Đảng ủy xã Liên Khê triển khai nhiệm vụ xây dựng Đảng năm 2023",
        "slug": "dang-uy-xa-lien-khe-trien-khai-nhiem-vu-xay-dung-dang-nam-2023",
        "category": "dang-bo-xa-lien-khe",
        "lead": (
            "Hội nghị Ban Chấp hành Đảng bộ xã đã thống nhất các giải pháp nâng cao chất lượng "
            "sinh hoạt chi bộ và phát huy vai trò nêu gương của cán bộ, đảng viên."
        ),
        "body": [
            (
                "paragraph",
                (
                    "<p>Đảng ủy xã Liên Khê vừa tổ chức hội nghị triển khai nhiệm vụ công tác xây "
                    "dựng Đảng năm 2023. Hội nghị xác định tiếp tục duy trì việc cán bộ, công chức "
                    "xã sinh hoạt tại chi bộ thôn để nắm chắc tình hình cơ sở.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Các chi bộ được yêu cầu chuẩn bị kỹ nội dung sinh hoạt, mỗi quý có ít nhất "
                    "một buổi sinh hoạt chuyên đề gắn với việc cụ thể của thôn như vệ sinh môi "
                    "trường, giải phóng mặt bằng hay chuyển đổi số.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Công tác kiểm tra, giám sát được tăng cường theo hướng chủ động phát hiện "
                    "và kịp thời chấn chỉnh hạn chế ngay từ cơ sở. Đảng ủy cũng chú trọng tạo "
                    "nguồn, bồi dưỡng quần chúng ưu tú là đoàn viên, thanh niên.</p>"
                ),
            ),
        ],
        "author": "Văn phòng Đảng ủy",
        "source_name": "",
        "source_url": "",
        "date": "2023-01-16",
        "tags": ["Xây dựng Đảng"],
        "views": 201,
        "featured": False,
        "image": False,
        "image_caption": "",
    },
    {
        "title": "Rộn ràng hội làng đầu xuân Quý Mão",
        "slug": "ron-rang-hoi-lang-dau-xuan-quy-mao",
        "category": "van-hoa-xa-hoi",
        "lead": (
            "Sau Tết Nguyên đán, các làng ở Liên Khê mở hội với nhiều trò chơi dân gian, thu hút "
            "đông đảo người dân và con em đi làm ăn xa trở về."
        ),
        "body": [
            (
                "paragraph",
                (
                    "<p>Không khí xuân vẫn còn rộn ràng khi các làng Thiểm Khê, Thụ Khê, Quỳ Khê "
                    "mở hội. Phần lễ được tổ chức trang nghiêm theo nghi thức truyền thống, thể "
                    "hiện lòng biết ơn với các bậc tiền nhân.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Phần hội có kéo co, cờ người, bịt mắt bắt vịt và các trận bóng chuyền giao "
                    "hữu giữa các thôn. Những tiết mục văn nghệ do chính người dân dàn dựng mang "
                    "lại nhiều tiếng cười.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Ban tổ chức bố trí lực lượng bảo đảm an ninh trật tự, an toàn giao thông "
                    "và vệ sinh môi trường; các khoản công đức được công khai minh bạch.</p>"
                ),
            ),
        ],
        "author": "Bộ phận Văn hóa - Xã hội",
        "source_name": "",
        "source_url": "",
        "date": "2023-01-30",
        "tags": ["Lễ hội", "Văn hóa"],
        "views": 498,
        "featured": False,
        "image": True,
        "image_caption": "Trò chơi kéo co trong ngày hội làng đầu xuân",
    },
    {
        "title": (
            "Trao Huy hiệu Đảng cho đảng viên lão thành dịp kỷ niệm 93 năm Ngày thành lập Đảng"
        ),
        "slug": "trao-huy-hieu-dang-dip-ky-niem-93-nam-thanh-lap-dang",
        "category": "dang-bo-xa-lien-khe",
        "lead": (
            "Nhân kỷ niệm 93 năm Ngày thành lập Đảng Cộng sản Việt Nam (3/2/1930 - 3/2/2023), Đảng "
            "ủy xã Liên Khê tổ chức trao Huy hiệu Đảng cho các đảng viên đủ tuổi đảng."
        ),
        "body": [
            (
                "paragraph",
                (
                    "<p>Buổi lễ diễn ra trang trọng tại hội trường UBND xã. Các đảng viên được "
                    "nhận Huy hiệu 30, 40, 50 và 55 năm tuổi Đảng; với những đồng chí cao tuổi, "
                    "sức khỏe yếu, Đảng ủy cử đoàn công tác đến trao tận nhà.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Lãnh đạo Đảng ủy xã bày tỏ sự trân trọng trước những cống hiến của các "
                    "đảng viên lão thành, mong các đồng chí tiếp tục là chỗ dựa tinh thần, là tấm "
                    "gương cho con cháu và bà con trong thôn xóm.</p>"
                ),
            ),
            (
                "quote",
                {
                    "text": (
                        "Được nhận Huy hiệu đúng dịp mừng Đảng, mừng xuân là niềm vinh dự lớn với "
                        "gia đình tôi. Tuổi đã cao nhưng tôi vẫn sẽ cùng chi bộ vận động bà con "
                        "giữ đường làng sạch đẹp."
                    ),
                    "attribution": "Một đảng viên lão thành ở thôn Quỳ Khê",
                },
            ),
            (
                "paragraph",
                (
                    "<p>Cũng trong dịp này, các chi bộ tổ chức dâng hương, ôn lại truyền thống và "
                    "giao ban đầu năm.</p>"
                ),
            ),
        ],
        "author": "Văn phòng Đảng ủy",
        "source_name": "",
        "source_url": "",
        "date": "2023-02-03",
        "tags": ["Xây dựng Đảng", "Huy hiệu Đảng"],
        "views": 318,
        "featured": False,
        "image": True,
        "image_caption": "Trao Huy hiệu Đảng cho các đảng viên lão thành",
    },
    {
        "title": "Liên Khê tiễn thanh niên lên đường nhập ngũ năm 2023",
        "slug": "lien-khe-tien-thanh-nien-len-duong-nhap-ngu-nam-2023",
        "category": "an-ninh-quoc-phong",
        "lead": (
            "Những tân binh của xã lên đường thực hiện nghĩa vụ quân sự trong niềm tự hào của gia "
            "đình và quê hương."
        ),
        "body": [
            (
                "paragraph",
                (
                    "<p>Từ sáng sớm, sân trụ sở UBND xã đã đông kín người thân, bạn bè đến tiễn "
                    "các tân binh. Các thanh niên được tặng hoa, quà và nghe dặn dò trước khi lên "
                    "xe về điểm giao nhận quân của huyện.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Công tác tuyển quân năm nay được thực hiện công khai, dân chủ từ khâu đăng "
                    "ký, khám sức khỏe đến bình cử ở các thôn. Nhiều thanh niên đã tốt nghiệp đại "
                    "học, cao đẳng tự nguyện viết đơn xin nhập ngũ.</p>"
                ),
            ),
            (
                "quote",
                {
                    "text": (
                        "Con sẽ cố gắng rèn luyện thật tốt để không phụ lòng gia đình và bà con "
                        "trong thôn."
                    ),
                    "attribution": "Một tân binh thôn Thiểm Khê",
                },
            ),
            (
                "paragraph",
                (
                    "<p>Ban Chỉ huy Quân sự xã sẽ giữ liên lạc với các đơn vị nhận quân để nắm "
                    "tình hình học tập, rèn luyện của các tân binh.</p>"
                ),
            ),
        ],
        "author": "Ban Chỉ huy Quân sự xã",
        "source_name": "",
        "source_url": "",
        "date": "2023-02-13",
        "tags": ["Quân sự", "Giao quân"],
        "views": 356,
        "featured": False,
        "image": True,
        "image_caption": "Người thân tiễn tân binh lên đường nhập ngũ",
    },
    {
        "title": "Liên Khê rà soát từng tiêu chí nông thôn mới kiểu mẫu",
        "slug": "lien-khe-ra-soat-tung-tieu-chi-nong-thon-moi-kieu-mau",
        "category": "nong-thon-moi",
        "lead": (
            "Xã lập bảng theo dõi chi tiết cho từng tiêu chí, giao rõ đơn vị chủ trì và thời hạn "
            "hoàn thành để phấn đấu đạt chuẩn nông thôn mới kiểu mẫu."
        ),
        "body": [
            (
                "paragraph",
                (
                    "<p>Ban Chỉ đạo xây dựng nông thôn mới xã vừa họp rà soát toàn bộ các tiêu chí "
                    "theo bộ tiêu chí xã nông thôn mới kiểu mẫu của thành phố. Những lĩnh vực cần "
                    "tập trung gồm cảnh quan môi trường, khu dân cư kiểu mẫu và mức độ ứng dụng "
                    "công nghệ thông tin.</p>"
                ),
            ),
            ("heading", "Giao việc cụ thể đến từng thôn"),
            (
                "paragraph",
                (
                    "<p>Mỗi thôn đăng ký tối thiểu một tuyến đường hoa và một mô hình phân loại "
                    "rác tại nguồn. Các hộ dọc đường trục được vận động chỉnh trang tường rào, "
                    "cổng ngõ theo mẫu thống nhất.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Về hạ tầng, xã ưu tiên hoàn thiện các tuyến đường trục vào Thiểm Khê, Thụ "
                    "Khê, Quỳ Khê và đường đi Thôn 9, Thôn 10 – những tuyến người dân đã đồng "
                    "thuận bàn giao mặt bằng.</p>"
                ),
            ),
            (
                "quote",
                {
                    "text": (
                        "Nông thôn mới kiểu mẫu không chỉ là đường rộng, nhà đẹp mà phải là nơi "
                        "người dân sống khỏe, sống văn minh và cùng nhau giữ gìn những gì đã làm "
                        "được."
                    ),
                    "attribution": "Ông Hoàng Văn Lợi, Phó Chủ tịch UBND xã",
                },
            ),
        ],
        "author": "Ban biên tập",
        "source_name": "",
        "source_url": "",
        "date": "2023-02-15",
        "tags": ["Nông thôn mới", "Tiêu chí"],
        "views": 834,
        "featured": True,
        "image": True,
        "image_caption": "Cán bộ xã kiểm tra hiện trạng một tuyến đường thôn",
    },
    {
        "title": "Ra mắt tổ công nghệ số cộng đồng ở 11 thôn",
        "slug": "ra-mat-to-cong-nghe-so-cong-dong-o-11-thon",
        "category": "chuyen-doi-so",
        "lead": (
            "Các tổ công nghệ số cộng đồng sẽ “cầm tay chỉ việc”, giúp người dân làm quen với dịch "
            "vụ công trực tuyến, thanh toán điện tử và các ứng dụng thiết yếu."
        ),
        "body": [
            (
                "paragraph",
                (
                    "<p>Mỗi tổ gồm trưởng thôn, đại diện lực lượng công an, đoàn viên thanh niên "
                    "và những người am hiểu công nghệ trong thôn. Các thành viên đã được tập huấn "
                    "về cài đặt ứng dụng, bảo mật tài khoản và nhận diện lừa đảo qua mạng.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Tổ trực tại nhà văn hóa thôn vào buổi tối và đến tận nhà hỗ trợ người cao "
                    "tuổi, người khuyết tật.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Đây là một trong những việc làm quan trọng để thực hiện khẩu hiệu hành "
                    "động năm 2023 của xã về chuyển đổi số.</p>"
                ),
            ),
        ],
        "author": "Vũ Thị Ngọc Anh",
        "source_name": "",
        "source_url": "",
        "date": "2023-02-22",
        "tags": ["Chuyển đổi số", "Tổ công nghệ số"],
        "views": 302,
        "featured": False,
        "image": True,
        "image_caption": "Thành viên tổ công nghệ số hướng dẫn người dân cài đặt ứng dụng",
    },
    {
        "title": "Phụ nữ Liên Khê ra quân “Ngày Chủ nhật xanh”",
        "slug": "phu-nu-lien-khe-ra-quan-ngay-chu-nhat-xanh",
        "category": "mat-tran-va-doan-the",
        "lead": (
            "Hơn 300 hội viên phụ nữ ở các chi hội đồng loạt dọn vệ sinh, trồng hoa và phát quang "
            "dọc các tuyến đường làng."
        ),
        "body": [
            (
                "paragraph",
                (
                    "<p>Chào mừng 113 năm Ngày Quốc tế Phụ nữ 8/3, Hội Liên hiệp Phụ nữ xã phát "
                    "động ra quân vệ sinh môi trường vào sáng chủ nhật đầu tháng 3.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Các chi hội nhận quản lý từng đoạn đường, thu gom rác, nhổ cỏ, trồng thêm "
                    "hoa mười giờ và hoa dừa cạn. Nhiều gia đình hội viên tự nguyện góp cây giống, "
                    "dụng cụ lao động.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Hội Phụ nữ xã sẽ duy trì hoạt động này vào chủ nhật cuối mỗi tháng, gắn "
                    "với việc hướng dẫn hội viên phân loại rác thải tại hộ gia đình.</p>"
                ),
            ),
        ],
        "author": "Hội LHPN xã",
        "source_name": "",
        "source_url": "",
        "date": "2023-03-05",
        "tags": ["Phụ nữ", "Môi trường"],
        "views": 210,
        "featured": False,
        "image": True,
        "image_caption": "Hội viên phụ nữ trồng hoa dọc đường làng",
    },
    {
        "title": "Vận động người dân tham gia bảo hiểm y tế hộ gia đình",
        "slug": "van-dong-nguoi-dan-tham-gia-bao-hiem-y-te-ho-gia-dinh",
        "category": "van-hoa-xa-hoi",
        "lead": (
            "Xã Liên Khê đang triển khai nhiều cách làm để nâng tỷ lệ người dân có thẻ bảo hiểm y "
            "tế, hướng tới bao phủ toàn dân."
        ),
        "body": [
            (
                "paragraph",
                (
                    "<p>Nhân viên đại lý thu bảo hiểm cùng các chi hội đoàn thể đến từng hộ chưa "
                    "tham gia để giải thích quyền lợi khi có thẻ bảo hiểm y tế, đặc biệt là mức "
                    "giảm trừ khi nhiều thành viên trong hộ cùng tham gia.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Với hộ cận nghèo, hộ làm nông nghiệp có mức sống trung bình, xã hướng dẫn "
                    "thủ tục để được ngân sách hỗ trợ một phần mức đóng. Một số nhà hảo tâm đã "
                    "tặng thẻ cho người có hoàn cảnh đặc biệt khó khăn.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Người dân có thể gia hạn thẻ qua ứng dụng VssID hoặc thanh toán trực tuyến "
                    "mà không cần đến điểm thu.</p>"
                ),
            ),
        ],
        "author": "Trạm Y tế xã",
        "source_name": "Cổng thông tin điện tử thành phố Hải Phòng",
        "source_url": "",
        "date": "2023-03-20",
        "tags": ["Bảo hiểm y tế", "An sinh xã hội"],
        "views": 241,
        "featured": False,
        "image": False,
        "image_caption": "",
    },
    {
        "title": "Đoàn Thanh niên xã Liên Khê sôi nổi các hoạt động Tháng Thanh niên",
        "slug": "doan-thanh-nien-xa-lien-khe-soi-noi-thang-thanh-nien",
        "category": "mat-tran-va-doan-the",
        "lead": (
            "Nhiều công trình, phần việc thanh niên được triển khai nhân kỷ niệm 92 năm Ngày thành "
            "lập Đoàn TNCS Hồ Chí Minh."
        ),
        "body": [
            (
                "paragraph",
                (
                    "<p>Trong Tháng Thanh niên năm 2023, Đoàn xã tổ chức ngày hội hiến máu, giải "
                    "bóng đá nam thanh niên và ra quân làm sạch kênh mương nội đồng.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Điểm nhấn là công trình “Tuyến đường thanh niên tự quản” ở thôn Thiểm Khê: "
                    "đoàn viên sơn lại tường rào, lắp biển chỉ dẫn và trồng cây xanh dọc đường.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Đoàn xã cũng lập các nhóm thanh niên tình nguyện giúp người cao tuổi cài "
                    "đặt, sử dụng ứng dụng định danh điện tử, góp sức vào phong trào chuyển đổi số "
                    "của địa phương.</p>"
                ),
            ),
        ],
        "author": "Đoàn Thanh niên xã",
        "source_name": "",
        "source_url": "",
        "date": "2023-03-26",
        "tags": ["Thanh niên", "Tháng Thanh niên"],
        "views": 276,
        "featured": False,
        "image": False,
        "image_caption": "",
    },
    {
        "title": "Thông báo đăng ký nghĩa vụ quân sự lần đầu cho công dân nam đủ 17 tuổi",
        "slug": "thong-bao-dang-ky-nghia-vu-quan-su-lan-dau-nam-2023",
        "category": "thong-bao",
        "lead": (
            "Ban Chỉ huy Quân sự xã thông báo lịch đăng ký nghĩa vụ quân sự lần đầu cho công dân "
            "nam sinh năm 2006."
        ),
        "body": [
            (
                "paragraph",
                (
                    "<p>Công dân nam sinh từ ngày 01/01/2006 đến ngày 31/12/2006 đang cư trú trên "
                    "địa bàn xã có trách nhiệm đến đăng ký nghĩa vụ quân sự lần đầu.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p><b>Thời gian:</b> các ngày làm việc trong tháng 4/2023. <b>Địa điểm:</b> "
                    "Ban Chỉ huy Quân sự xã, trụ sở UBND xã Liên Khê.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Khi đi đăng ký, công dân mang theo căn cước công dân và giấy tờ về trình "
                    "độ học vấn, chuyên môn (nếu có). Trường hợp vắng mặt phải báo cáo lý do với "
                    "Ban Chỉ huy Quân sự xã.</p>"
                ),
            ),
        ],
        "author": "Ban Chỉ huy Quân sự xã",
        "source_name": "",
        "source_url": "",
        "date": "2023-04-03",
        "tags": ["Nghĩa vụ quân sự", "Thông báo"],
        "views": 134,
        "featured": False,
        "image": False,
        "image_caption": "",
    },
    {
        "title": "Hướng dẫn nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia",
        "slug": "huong-dan-nop-ho-so-truc-tuyen-tren-cong-dich-vu-cong-quoc-gia",
        "category": "chuyen-doi-so",
        "lead": (
            "Người dân có thể thực hiện nhiều thủ tục cấp xã mà không phải đến trụ sở, chỉ cần "
            "điện thoại thông minh có kết nối Internet."
        ),
        "body": [
            (
                "paragraph",
                (
                    '<p>Để nộp hồ sơ, người dân truy cập <a href="https://dichvucong.gov.vn">Cổng '
                    "Dịch vụ công quốc gia</a> và đăng nhập bằng tài khoản định danh điện tử.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Sau khi chọn đúng thủ tục và cơ quan thực hiện là UBND xã Liên Khê, người "
                    "dân điền tờ khai, tải lên ảnh chụp giấy tờ cần thiết rồi theo dõi tình trạng "
                    "xử lý ngay trên cổng.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p><b>Một số thủ tục thường dùng:</b> đăng ký khai sinh, đăng ký kết hôn, cấp "
                    "bản sao trích lục hộ tịch, xác nhận tình trạng hôn nhân.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Nếu gặp khó khăn, người dân liên hệ bộ phận một cửa của xã hoặc tổ công "
                    "nghệ số cộng đồng ở thôn để được hỗ trợ miễn phí.</p>"
                ),
            ),
        ],
        "author": "Văn phòng HĐND - UBND xã",
        "source_name": "",
        "source_url": "",
        "date": "2023-04-10",
        "tags": ["Dịch vụ công trực tuyến", "Hướng dẫn"],
        "views": 455,
        "featured": False,
        "image": False,
        "image_caption": "",
    },
    {
        "title": "UBND xã Liên Khê đối thoại với người dân về đất đai và giải phóng mặt bằng",
        "slug": "ubnd-xa-lien-khe-doi-thoai-ve-dat-dai-va-giai-phong-mat-bang",
        "category": "chinh-quyen",
        "lead": (
            "Buổi đối thoại giúp chính quyền nắm bắt tâm tư của các hộ dân dọc những tuyến đường "
            "đang được mở rộng, đồng thời giải đáp nhiều thắc mắc về thủ tục đất đai."
        ),
        "body": [
            (
                "paragraph",
                (
                    "<p>Gần 100 hộ dân ở các thôn Thụ Khê, Quỳ Khê và Thôn 10 đã tham dự buổi đối "
                    "thoại do UBND xã tổ chức. Các ý kiến chủ yếu xoay quanh việc đo đạc lại diện "
                    "tích sau khi hiến đất, cấp đổi giấy chứng nhận và hoàn trả công trình phụ.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Lãnh đạo UBND xã và công chức địa chính trả lời trực tiếp từng nội dung. "
                    "Với những trường hợp cần kiểm tra thực địa, xã hẹn lịch cụ thể và giao cán bộ "
                    "theo dõi đến khi giải quyết xong.</p>"
                ),
            ),
            (
                "quote",
                {
                    "text": (
                        "Chúng tôi muốn bà con nói hết những gì còn băn khoăn. Việc nào thuộc thẩm "
                        "quyền của xã sẽ giải quyết ngay, việc nào vượt thẩm quyền thì xã có trách "
                        "nhiệm kiến nghị lên cấp trên."
                    ),
                    "attribution": "Ông Đỗ Văn Khánh, Chủ tịch UBND xã",
                },
            ),
            (
                "paragraph",
                (
                    "<p>Sau buổi đối thoại, nhiều hộ đã ký biên bản đồng thuận, tạo điều kiện để "
                    "đơn vị thi công sớm triển khai.</p>"
                ),
            ),
        ],
        "author": "Trần Minh Đức",
        "source_name": "",
        "source_url": "",
        "date": "2023-04-18",
        "tags": ["Đất đai", "Đối thoại"],
        "views": 487,
        "featured": False,
        "image": True,
        "image_caption": "Người dân phát biểu ý kiến tại buổi đối thoại",
    },
    {
        "title": "Hoàn thành mở rộng tuyến đường trục vào thôn Quỳ Khê",
        "slug": "hoan-thanh-mo-rong-tuyen-duong-truc-vao-thon-quy-khe",
        "category": "nong-thon-moi",
        "lead": (
            "Nhờ hàng chục hộ dân tự nguyện hiến đất, tháo dỡ tường rào, tuyến đường vào thôn Quỳ "
            "Khê đã được mở rộng, trải nhựa và lắp đèn chiếu sáng."
        ),
        "body": [
            (
                "paragraph",
                (
                    "<p>Sau khoảng ba tháng thi công, tuyến đường trục vào thôn Quỳ Khê đã hoàn "
                    "thành. Mặt đường rộng gần gấp đôi trước đây, hai bên có rãnh thoát nước.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Để có mặt bằng, chi bộ và ban công tác mặt trận thôn đã nhiều lần đến từng "
                    "nhà vận động. Các hộ là đảng viên, cán bộ gương mẫu tháo dỡ công trình trước, "
                    "tạo sức lan tỏa trong khu dân cư.</p>"
                ),
            ),
            (
                "quote",
                {
                    "text": (
                        "Đường rộng thì xe cứu thương, xe chở lúa vào được tận ngõ. Nhà tôi góp "
                        "vài mét đất nhưng cả xóm được hưởng lợi lâu dài."
                    ),
                    "attribution": "Bà Nguyễn Thị Mến, thôn Quỳ Khê",
                },
            ),
            (
                "paragraph",
                (
                    "<p>Trên tuyến đường mới, thôn đã trồng hoa, gắn biển tên đường và giao cho "
                    "các chi hội đoàn thể nhận chăm sóc.</p>"
                ),
            ),
        ],
        "author": "Trần Minh Đức",
        "source_name": "",
        "source_url": "",
        "date": "2023-05-08",
        "tags": ["Hiến đất làm đường", "Giao thông nông thôn"],
        "views": 541,
        "featured": False,
        "image": True,
        "image_caption": "Tuyến đường trục vào thôn Quỳ Khê sau khi mở rộng",
    },
    {
        "title": "Tổ chức tiêm chủng mở rộng cho trẻ em trên địa bàn xã",
        "slug": "to-chuc-tiem-chung-mo-rong-cho-tre-em-tren-dia-ban-xa",
        "category": "van-hoa-xa-hoi",
        "lead": (
            "Trạm Y tế xã Liên Khê tổ chức tiêm vắc-xin theo lịch tiêm chủng mở rộng và tiêm bù "
            "cho những trẻ chưa được tiêm đủ mũi."
        ),
        "body": [
            (
                "paragraph",
                (
                    "<p>Các buổi tiêm chủng được chia theo thôn để tránh tập trung đông người. "
                    "Trước khi tiêm, trẻ được khám sàng lọc; phụ huynh được tư vấn về các phản ứng "
                    "có thể gặp và cách theo dõi tại nhà.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Cộng tác viên y tế thôn rà soát danh sách, gọi điện nhắc lịch cho từng gia "
                    "đình. Thông tin tiêm chủng của trẻ được cập nhật lên hệ thống quản lý tiêm "
                    "chủng điện tử.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Trạm Y tế khuyến cáo phụ huynh đưa trẻ đi tiêm đúng lịch, mang theo sổ "
                    "tiêm chủng và liên hệ trạm ngay nếu trẻ có biểu hiện bất thường sau tiêm.</p>"
                ),
            ),
        ],
        "author": "Trạm Y tế xã",
        "source_name": "",
        "source_url": "",
        "date": "2023-05-15",
        "tags": ["Y tế", "Tiêm chủng"],
        "views": 189,
        "featured": False,
        "image": True,
        "image_caption": "Nhân viên y tế khám sàng lọc cho trẻ trước khi tiêm",
    },
    {
        "title": "Bộ phận một cửa xã Liên Khê: nhanh hơn, gọn hơn, thân thiện hơn",
        "slug": "bo-phan-mot-cua-xa-lien-khe-nhanh-gon-than-thien",
        "category": "chinh-quyen",
        "lead": (
            "Không gian tiếp dân được sắp xếp lại, thủ tục được niêm yết công khai và có máy tính "
            "để người dân tự nộp hồ sơ trực tuyến."
        ),
        "body": [
            (
                "paragraph",
                (
                    "<p>Từ đầu năm, bộ phận tiếp nhận và trả kết quả của xã được bố trí lại theo "
                    "hướng thuận tiện: có bàn hướng dẫn, ghế chờ, khu vực máy tính nối mạng và mã "
                    "QR tra cứu thủ tục.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Công chức thay phiên trực hướng dẫn, giúp người dân điền tờ khai, chụp "
                    "giấy tờ và nộp hồ sơ trên Cổng Dịch vụ công. Những thủ tục như chứng thực, "
                    "đăng ký khai sinh, xác nhận tình trạng hôn nhân được giải quyết trong ngày "
                    "nếu hồ sơ đầy đủ.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Hộp thư góp ý và số điện thoại đường dây nóng được công khai để người dân "
                    "phản ánh về thái độ phục vụ của cán bộ.</p>"
                ),
            ),
        ],
        "author": "Văn phòng HĐND - UBND xã",
        "source_name": "",
        "source_url": "",
        "date": "2023-05-22",
        "tags": ["Cải cách hành chính", "Một cửa"],
        "views": 233,
        "featured": False,
        "image": False,
        "image_caption": "",
    },
    {
        "title": "Chủ động phương án phòng chống thiên tai mùa mưa bão năm 2023",
        "slug": "chu-dong-phuong-an-phong-chong-thien-tai-mua-mua-bao-2023",
        "category": "an-ninh-quoc-phong",
        "lead": (
            "Ban Chỉ huy phòng chống thiên tai và tìm kiếm cứu nạn xã kiện toàn lực lượng, rà soát "
            "các điểm xung yếu và chuẩn bị vật tư theo phương châm “bốn tại chỗ”."
        ),
        "body": [
            (
                "paragraph",
                (
                    "<p>Xã đã kiểm tra hệ thống kênh mương, cống tiêu thoát nước và những cây xanh "
                    "có nguy cơ gãy đổ dọc đường trục, trong khu dân cư. Các vị trí dễ ngập úng "
                    "được lập danh sách theo dõi riêng.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Lực lượng dân quân, công an và thanh niên xung kích được phân công theo "
                    "từng thôn, sẵn sàng hỗ trợ sơ tán người dân khi có bão lớn. Vật tư như bao "
                    "tải, áo phao, đèn pin được bổ sung.</p>"
                ),
            ),
            ("heading", "Người dân cần làm gì?"),
            (
                "paragraph",
                (
                    "<p>Người dân chủ động gia cố nhà cửa, chằng chống mái tôn, theo dõi thông tin "
                    "dự báo thời tiết và làm theo hướng dẫn của chính quyền; không ra đồng, không "
                    "đánh bắt thủy sản khi đang có mưa bão.</p>"
                ),
            ),
        ],
        "author": "Ban Chỉ huy Quân sự xã",
        "source_name": "",
        "source_url": "",
        "date": "2023-05-25",
        "tags": ["Phòng chống thiên tai", "Mưa bão"],
        "views": 222,
        "featured": False,
        "image": False,
        "image_caption": "",
    },
    {
        "title": "Các trường học ở Liên Khê tổng kết năm học 2022 - 2023",
        "slug": "cac-truong-hoc-o-lien-khe-tong-ket-nam-hoc-2022-2023",
        "category": "van-hoa-xa-hoi",
        "lead": (
            "Chất lượng giáo dục toàn diện được giữ vững, nhiều học sinh đạt giải trong các kỳ thi "
            "cấp huyện, cấp thành phố."
        ),
        "body": [
            (
                "paragraph",
                (
                    "<p>Các trường mầm non, tiểu học và trung học cơ sở của xã đã tổ chức lễ tổng "
                    "kết năm học 2022 - 2023. Tỷ lệ học sinh hoàn thành chương trình, lên lớp đạt "
                    "cao; cơ sở vật chất tiếp tục được cải thiện.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Nhà trường phối hợp với Hội Khuyến học xã khen thưởng học sinh giỏi, học "
                    "sinh có thành tích nổi bật trong các cuộc thi và tặng quà cho học sinh vượt "
                    "khó.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Trong dịp hè, Đoàn xã phối hợp với các thôn tổ chức sinh hoạt hè, dạy bơi "
                    "và tuyên truyền phòng chống đuối nước cho trẻ em.</p>"
                ),
            ),
        ],
        "author": "Bộ phận Văn hóa - Xã hội",
        "source_name": "",
        "source_url": "",
        "date": "2023-05-30",
        "tags": ["Giáo dục", "Khuyến học"],
        "views": 205,
        "featured": False,
        "image": True,
        "image_caption": "Học sinh nhận thưởng tại lễ tổng kết năm học",
    },
    {
        "title": "Thôn Thiểm Khê khánh thành tuyến đường hoa kiểu mẫu",
        "slug": "thon-thiem-khe-khanh-thanh-tuyen-duong-hoa-kieu-mau",
        "category": "nong-thon-moi",
        "lead": (
            "Tuyến đường hoa dài gần 1 km do người dân tự bỏ công, góp giống cây đã làm thay đổi "
            "diện mạo lối vào thôn."
        ),
        "body": [
            (
                "paragraph",
                (
                    "<p>Từ một đoạn đường nhiều cỏ dại, nay hai bên lối vào thôn Thiểm Khê là "
                    "những luống hoa được cắt tỉa gọn gàng, xen kẽ cây bóng mát.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Ban phát triển thôn chia tuyến đường thành nhiều đoạn, giao cho các hộ "
                    "liền kề và các chi hội phụ nữ, cựu chiến binh, thanh niên chăm sóc. Việc tưới "
                    "nước, thay hoa theo mùa được lên lịch cụ thể.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Mô hình này được xã chọn để nhân rộng ra các thôn khác, góp phần hoàn "
                    "thiện tiêu chí cảnh quan, môi trường của nông thôn mới kiểu mẫu.</p>"
                ),
            ),
        ],
        "author": "Ban biên tập",
        "source_name": "",
        "source_url": "",
        "date": "2023-06-02",
        "tags": ["Đường hoa", "Nông thôn mới"],
        "views": 392,
        "featured": False,
        "image": True,
        "image_caption": "Tuyến đường hoa ở lối vào thôn Thiểm Khê",
    },
    {
        "title": "Chi bộ Thôn 9 sinh hoạt chuyên đề về vận động hiến đất mở rộng đường",
        "slug": "chi-bo-thon-9-sinh-hoat-chuyen-de-hien-dat-mo-rong-duong",
        "category": "dang-bo-xa-lien-khe",
        "lead": "",
        "body": [
            (
                "paragraph",
                (
                    "<p>Buổi sinh hoạt chuyên đề tháng 6 của Chi bộ Thôn 9 tập trung vào một việc "
                    "cụ thể: hoàn tất vận động những hộ còn băn khoăn dọc tuyến đường vào thôn để "
                    "kịp thi công trước mùa mưa.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Cán bộ xã phụ trách chi bộ thông tin về quy mô tuyến đường, phương án hoàn "
                    "trả tường rào, cổng ngõ và mức hỗ trợ của xã. Các đảng viên lần lượt báo cáo "
                    "tình hình từng hộ mình được phân công tiếp xúc.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Sau thảo luận, chi bộ phân công đảng viên cùng trưởng thôn, chi hội trưởng "
                    "các đoàn thể đến gặp riêng từng gia đình, lắng nghe nguyện vọng để có cách "
                    "giải quyết phù hợp. Những đảng viên có đất dọc tuyến cam kết tháo dỡ công "
                    "trình trước.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Đây là một trong những buổi sinh hoạt được đánh giá có nội dung thiết "
                    "thực, không khí thảo luận cởi mở và kết luận rõ người, rõ việc.</p>"
                ),
            ),
        ],
        "author": "Trần Minh Đức",
        "source_name": "",
        "source_url": "",
        "date": "2023-06-20",
        "tags": ["Sinh hoạt chi bộ", "Hiến đất làm đường"],
        "views": 156,
        "featured": False,
        "image": False,
        "image_caption": "",
    },
    {
        "title": "UBND xã Liên Khê sơ kết 6 tháng, đẩy nhanh các công trình trọng điểm",
        "slug": "ubnd-xa-lien-khe-so-ket-6-thang-day-nhanh-cong-trinh-trong-diem",
        "category": "chinh-quyen",
        "lead": (
            "Bên cạnh những kết quả đạt được, hội nghị chỉ ra các việc còn chậm và giao nhiệm vụ "
            "cụ thể cho từng bộ phận chuyên môn."
        ),
        "body": [
            (
                "paragraph",
                (
                    "<p>Sáu tháng đầu năm, các chỉ tiêu về thu ngân sách, cải cách hành chính và "
                    "an sinh xã hội cơ bản đạt tiến độ. Việc giải phóng mặt bằng các tuyến đường "
                    "trục thôn nhận được sự đồng thuận cao của người dân.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Tuy vậy, một số hạng mục như rãnh thoát nước, điện chiếu sáng trên tuyến "
                    "đường đi Thôn 9 còn chậm so với kế hoạch. Việc phân loại rác tại nguồn ở vài "
                    "thôn chưa đồng đều.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>UBND xã yêu cầu các bộ phận bám sát địa bàn, phối hợp với đơn vị thi công "
                    "hoàn thành các công trình trước ngày 30/9, đồng thời chuẩn bị phương án phòng "
                    "chống thiên tai trong mùa mưa bão.</p>"
                ),
            ),
        ],
        "author": "Văn phòng HĐND - UBND xã",
        "source_name": "",
        "source_url": "",
        "date": "2023-07-03",
        "tags": ["Sơ kết", "Chính quyền"],
        "views": 128,
        "featured": False,
        "image": False,
        "image_caption": "",
    },
    {
        "title": "Liên Khê khuyến khích thanh toán không dùng tiền mặt",
        "slug": "lien-khe-khuyen-khich-thanh-toan-khong-dung-tien-mat",
        "category": "chuyen-doi-so",
        "lead": (
            "Tiền điện, học phí, bảo hiểm và nhiều khoản phí, lệ phí tại xã đã có thể thanh toán "
            "qua ứng dụng ngân hàng hoặc mã QR."
        ),
        "body": [
            (
                "paragraph",
                (
                    "<p>Thời gian qua, UBND xã phối hợp với các ngân hàng trên địa bàn hướng dẫn "
                    "người dân mở tài khoản, cài đặt ứng dụng ngân hàng số. Tại bộ phận một cửa, "
                    "người dân có thể quét mã QR để nộp lệ phí.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Các hộ kinh doanh ở chợ và dọc đường trục xã được vận động niêm yết mã QR "
                    "nhận tiền. Nhiều trường học trên địa bàn đã thu các khoản đóng góp qua chuyển "
                    "khoản.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Xã lưu ý người dân không cung cấp mã OTP, mật khẩu cho bất kỳ ai và cảnh "
                    "giác với những cuộc gọi tự xưng là cơ quan chức năng yêu cầu chuyển tiền.</p>"
                ),
            ),
        ],
        "author": "Vũ Thị Ngọc Anh",
        "source_name": "",
        "source_url": "",
        "date": "2023-07-05",
        "tags": ["Chuyển đổi số", "Thanh toán điện tử"],
        "views": 176,
        "featured": False,
        "image": False,
        "image_caption": "",
    },
    {
        "title": "HĐND xã Liên Khê tổ chức kỳ họp thường lệ giữa năm 2023",
        "slug": "hdnd-xa-lien-khe-ky-hop-thuong-le-giua-nam-2023",
        "category": "chinh-quyen",
        "lead": (
            "Kỳ họp đã xem xét báo cáo kinh tế - xã hội 6 tháng đầu năm, thông qua các nghị quyết "
            "quan trọng về đầu tư hạ tầng và phân bổ ngân sách."
        ),
        "body": [
            (
                "paragraph",
                (
                    "<p>Tại kỳ họp, các đại biểu HĐND xã nghe báo cáo tình hình thực hiện nhiệm vụ "
                    "kinh tế - xã hội, quốc phòng - an ninh 6 tháng đầu năm và phương hướng những "
                    "tháng cuối năm 2023.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Nhiều ý kiến tập trung vào tiến độ các tuyến đường đang mở rộng, việc thu "
                    "gom rác thải ở các thôn và nguồn nước tưới phục vụ sản xuất. Đại diện UBND xã "
                    "đã giải trình, làm rõ những nội dung cử tri quan tâm.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Kỳ họp thông qua nghị quyết điều chỉnh kế hoạch đầu tư công năm 2023, ưu "
                    "tiên các công trình phục vụ tiêu chí nông thôn mới kiểu mẫu.</p>"
                ),
            ),
        ],
        "author": "Văn phòng HĐND - UBND xã",
        "source_name": "",
        "source_url": "",
        "date": "2023-07-14",
        "tags": ["HĐND xã", "Kỳ họp"],
        "views": 143,
        "featured": False,
        "image": True,
        "image_caption": "Đại biểu HĐND xã biểu quyết thông qua nghị quyết tại kỳ họp",
    },
    {
        "title": "Thông báo nộp thuế sử dụng đất phi nông nghiệp năm 2023",
        "slug": "thong-bao-nop-thue-su-dung-dat-phi-nong-nghiep-nam-2023",
        "category": "thong-bao",
        "lead": (
            "UBND xã đề nghị các hộ gia đình, cá nhân nộp thuế sử dụng đất phi nông nghiệp năm "
            "2023 đúng thời hạn."
        ),
        "body": [
            (
                "paragraph",
                (
                    "<p>Thông báo nộp thuế được gửi đến từng hộ qua trưởng thôn. Người nộp thuế "
                    "kiểm tra lại thông tin về diện tích, vị trí thửa đất; nếu có sai sót, liên hệ "
                    "công chức địa chính xã để được điều chỉnh.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Người dân có thể nộp thuế tại điểm thu của xã, tại ngân hàng hoặc nộp trực "
                    "tuyến qua ứng dụng ngân hàng, Cổng Dịch vụ công quốc gia.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Quá thời hạn ghi trên thông báo, người nộp thuế phải chịu tiền chậm nộp "
                    "theo quy định của pháp luật về quản lý thuế.</p>"
                ),
            ),
        ],
        "author": "Văn phòng HĐND - UBND xã",
        "source_name": "",
        "source_url": "",
        "date": "2023-07-20",
        "tags": ["Thuế", "Đất đai"],
        "views": 72,
        "featured": False,
        "image": False,
        "image_caption": "",
    },
    {
        "title": "Mô hình camera an ninh góp phần giữ bình yên thôn xóm",
        "slug": "mo-hinh-camera-an-ninh-gop-phan-giu-binh-yen-thon-xom",
        "category": "an-ninh-quoc-phong",
        "lead": (
            "Hệ thống camera lắp tại các ngã ba, ngã tư và đường trục thôn đã hỗ trợ hiệu quả công "
            "tác bảo đảm an ninh trật tự ở Liên Khê."
        ),
        "body": [
            (
                "paragraph",
                (
                    "<p>Bằng nguồn kinh phí xã hội hóa, các thôn đã lắp camera giám sát tại những "
                    "vị trí trọng điểm. Hình ảnh được kết nối về trụ sở Công an xã và điện thoại "
                    "của các tổ bảo vệ an ninh trật tự ở cơ sở.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Từ khi có camera, tình trạng trộm cắp vặt, đổ trộm rác thải ra đường giảm "
                    "rõ rệt. Dữ liệu ghi lại cũng giúp lực lượng chức năng xác minh nhanh các vụ "
                    "va chạm giao thông.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Công an xã đề nghị người dân tiếp tục nâng cao cảnh giác, kịp thời cung "
                    "cấp thông tin về đối tượng khả nghi cho lực lượng chức năng.</p>"
                ),
            ),
        ],
        "author": "Công an xã",
        "source_name": "Báo Hải Phòng",
        "source_url": "",
        "date": "2023-08-16",
        "tags": ["An ninh trật tự", "Camera an ninh"],
        "views": 260,
        "featured": False,
        "image": True,
        "image_caption": "Camera an ninh lắp tại ngã ba đường trục thôn",
    },
    {
        "title": "Cứng hóa đường nội đồng, mở lối cho cơ giới hóa sản xuất",
        "slug": "cung-hoa-duong-noi-dong-mo-loi-co-gioi-hoa-san-xuat",
        "category": "nong-thon-moi",
        "lead": (
            "Các tuyến đường nội đồng được mở rộng, đổ bê tông giúp máy gặt, máy cày xuống tận "
            "chân ruộng, giảm đáng kể công sức cho nông dân Liên Khê."
        ),
        "body": [
            (
                "paragraph",
                (
                    "<p>Cùng với đường trục chính, xã Liên Khê đã vận động người dân góp một phần "
                    "diện tích ven bờ ruộng để mở rộng nhiều tuyến đường nội đồng. Việc cứng hóa "
                    "thực hiện theo cách Nhà nước hỗ trợ vật liệu, nhân dân góp công.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Trước đây, vào mùa thu hoạch, nông dân phải gánh lúa ra đầu bờ mới có xe "
                    "chở về. Nay máy gặt đập liên hoàn vào được tận ruộng, thời gian thu hoạch rút "
                    "ngắn đáng kể.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Xã tiếp tục rà soát các tuyến còn lại để đưa vào kế hoạch cứng hóa những "
                    "năm tới, gắn với quy hoạch vùng sản xuất lúa tập trung.</p>"
                ),
            ),
        ],
        "author": "Ban biên tập",
        "source_name": "Báo Hải Phòng",
        "source_url": "",
        "date": "2023-08-24",
        "tags": ["Giao thông nội đồng", "Nông nghiệp"],
        "views": 187,
        "featured": False,
        "image": False,
        "image_caption": "",
    },
    {
        "title": "Khai giảng năm học mới, trao học bổng cho học sinh vượt khó",
        "slug": "khai-giang-nam-hoc-moi-trao-hoc-bong-cho-hoc-sinh-vuot-kho",
        "category": "van-hoa-xa-hoi",
        "lead": (
            "Ngày hội đến trường năm học 2023 - 2024 ở Liên Khê diễn ra trang trọng, ấm áp; nhiều "
            "học sinh có hoàn cảnh khó khăn được tiếp thêm động lực."
        ),
        "body": [
            (
                "paragraph",
                (
                    "<p>Sáng 5/9, các trường trên địa bàn xã đồng loạt tổ chức lễ khai giảng. Lãnh "
                    "đạo Đảng ủy, UBND xã và đại diện cha mẹ học sinh đến dự, chúc mừng thầy trò "
                    "bước vào năm học mới.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Dịp này, Hội Khuyến học xã và các nhà hảo tâm trao học bổng, xe đạp và đồ "
                    "dùng học tập cho học sinh có hoàn cảnh khó khăn, học sinh mồ côi.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>UBND xã đề nghị các nhà trường phối hợp chặt chẽ với gia đình trong giáo "
                    "dục đạo đức, kỹ năng sống và bảo đảm an toàn giao thông cho học sinh trên "
                    "đường đến trường.</p>"
                ),
            ),
        ],
        "author": "Bộ phận Văn hóa - Xã hội",
        "source_name": "",
        "source_url": "",
        "date": "2023-09-06",
        "tags": ["Giáo dục", "Khai giảng"],
        "views": 167,
        "featured": False,
        "image": False,
        "image_caption": "",
    },
    {
        "title": "Đảng bộ xã Liên Khê chú trọng phát triển đảng viên trẻ",
        "slug": "dang-bo-xa-lien-khe-chu-trong-phat-trien-dang-vien-tre",
        "category": "dang-bo-xa-lien-khe",
        "lead": (
            "Thông qua phong trào của Đoàn Thanh niên và các công trình ở thôn, Đảng bộ xã Liên "
            "Khê phát hiện, bồi dưỡng nhiều quần chúng ưu tú để xem xét kết nạp."
        ),
        "body": [
            (
                "paragraph",
                (
                    "<p>Xác định phát triển đảng viên là nhiệm vụ thường xuyên, Đảng ủy xã giao "
                    "các chi bộ rà soát nguồn quần chúng ưu tú trong đoàn viên thanh niên, hội "
                    "viên các đoàn thể và những người tích cực trong phong trào xây dựng nông thôn "
                    "mới.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Mỗi quần chúng được phân công một đảng viên chính thức giúp đỡ, theo dõi "
                    "quá trình rèn luyện. Xã phối hợp với Trung tâm Chính trị huyện mở lớp bồi "
                    "dưỡng nhận thức về Đảng cho các đối tượng cảm tình.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Nhiều đoàn viên sau thời gian tham gia công trình thanh niên, tổ công nghệ "
                    "số cộng đồng đã trưởng thành, được quần chúng tín nhiệm và được chi bộ đề "
                    "nghị xem xét kết nạp.</p>"
                ),
            ),
        ],
        "author": "Văn phòng Đảng ủy",
        "source_name": "",
        "source_url": "",
        "date": "2023-09-12",
        "tags": ["Xây dựng Đảng", "Đoàn viên thanh niên"],
        "views": 97,
        "featured": False,
        "image": False,
        "image_caption": "",
    },
    {
        "title": "Hội Nông dân xã tập huấn kỹ thuật canh tác lúa chất lượng cao",
        "slug": "hoi-nong-dan-xa-tap-huan-ky-thuat-canh-tac-lua-chat-luong-cao",
        "category": "mat-tran-va-doan-the",
        "lead": (
            "Hơn 120 hội viên được hướng dẫn quy trình gieo cấy, bón phân cân đối và phòng trừ sâu "
            "bệnh theo hướng giảm thuốc bảo vệ thực vật."
        ),
        "body": [
            (
                "paragraph",
                (
                    "<p>Lớp tập huấn do Hội Nông dân xã phối hợp với cán bộ khuyến nông huyện tổ "
                    "chức, chuẩn bị cho vụ đông và vụ xuân tới.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Ngoài phần lý thuyết, hội viên được thực hành nhận biết các loại sâu bệnh "
                    "phổ biến ngay trên cánh đồng và trao đổi kinh nghiệm đưa máy cấy, máy gặt "
                    "xuống ruộng qua các tuyến đường nội đồng vừa được cứng hóa.</p>"
                ),
            ),
            (
                "quote",
                {
                    "text": (
                        "Đường nội đồng rộng ra, máy móc vào tận ruộng nên chúng tôi rất muốn học "
                        "thêm cách làm để đỡ công, tăng năng suất."
                    ),
                    "attribution": "Một hội viên Hội Nông dân thôn Thụ Khê",
                },
            ),
            (
                "paragraph",
                (
                    "<p>Hội Nông dân xã cũng giới thiệu cho hội viên cách đưa thông tin nông sản "
                    "lên các sàn thương mại điện tử.</p>"
                ),
            ),
        ],
        "author": "Hội Nông dân xã",
        "source_name": "",
        "source_url": "",
        "date": "2023-09-20",
        "tags": ["Nông dân", "Sản xuất nông nghiệp"],
        "views": 118,
        "featured": False,
        "image": True,
        "image_caption": "Hội viên nông dân thực hành trên cánh đồng",
    },
    {
        "title": "Liên Khê cơ bản hoàn thành cấp tài khoản định danh điện tử cho người dân",
        "slug": "lien-khe-co-ban-hoan-thanh-cap-tai-khoan-dinh-danh-dien-tu",
        "category": "chuyen-doi-so",
        "lead": (
            "Với cách làm “đi từng ngõ, gõ từng nhà”, Công an xã cùng tổ công nghệ số cộng đồng đã "
            "giúp phần lớn người dân trong độ tuổi có tài khoản định danh điện tử được kích hoạt."
        ),
        "body": [
            (
                "paragraph",
                (
                    "<p>Triển khai Đề án 06 của Chính phủ, Công an xã Liên Khê bố trí điểm tiếp "
                    "nhận hồ sơ cấp tài khoản định danh điện tử ngay tại nhà văn hóa các thôn, kể "
                    "cả ngoài giờ hành chính và ngày nghỉ.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Với người cao tuổi, người ốm đau, tổ công tác đến tận nhà thu nhận thông "
                    "tin. Khi tài khoản được phê duyệt, thành viên tổ công nghệ số tiếp tục hướng "
                    "dẫn người dân kích hoạt và dùng các tiện ích trên ứng dụng VNeID.</p>"
                ),
            ),
            (
                "quote",
                {
                    "text": (
                        "Có tài khoản định danh, tôi đi khám bệnh không cần mang thẻ bảo hiểm y tế "
                        "giấy, làm thủ tục ở xã cũng nhanh hơn."
                    ),
                    "attribution": "Ông Phạm Văn Sáu, Thôn 10",
                },
            ),
            (
                "paragraph",
                (
                    "<p>Thời gian tới, xã tiếp tục rà soát những trường hợp chưa kích hoạt và "
                    "tuyên truyền để người dân dùng tài khoản định danh điện tử khi thực hiện dịch "
                    "vụ công trực tuyến.</p>"
                ),
            ),
        ],
        "author": "Công an xã",
        "source_name": "",
        "source_url": "",
        "date": "2023-09-28",
        "tags": ["Đề án 06", "Định danh điện tử"],
        "views": 723,
        "featured": True,
        "image": True,
        "image_caption": "Công an xã thu nhận hồ sơ định danh điện tử tại nhà văn hóa thôn",
    },
    {
        "title": "Những dấu ấn nổi bật của xã Liên Khê sau 9 tháng năm 2023",
        "slug": "dau-an-noi-bat-cua-xa-lien-khe-sau-9-thang-nam-2023",
        "category": "tin-tuc-su-kien",
        "lead": (
            "Giao thông nông thôn tiếp tục được mở rộng, dịch vụ công trực tuyến được người dân sử "
            "dụng nhiều hơn và đời sống văn hóa ở các thôn ngày càng phong phú."
        ),
        "body": [
            (
                "paragraph",
                (
                    "<p>Chín tháng qua, xã Liên Khê tập trung nguồn lực cho các tiêu chí nông thôn "
                    "mới kiểu mẫu. Nhiều tuyến đường trục thôn, đường nội đồng đã được mở rộng, "
                    "cứng hóa; điện chiếu sáng được bổ sung ở các ngõ xóm.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Công tác chuyển đổi số có bước tiến rõ rệt. Tổ công nghệ số cộng đồng ở "
                    "các thôn hoạt động đều đặn, hỗ trợ người dân kích hoạt tài khoản định danh "
                    "điện tử và nộp hồ sơ trực tuyến.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Các hoạt động văn hóa, thể thao diễn ra sôi nổi; việc chăm lo gia đình "
                    "chính sách, hộ nghèo được thực hiện kịp thời. Tình hình an ninh chính trị, "
                    "trật tự an toàn xã hội cơ bản ổn định.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Những tháng cuối năm, xã tiếp tục hoàn thiện hồ sơ đánh giá các tiêu chí "
                    "nông thôn mới kiểu mẫu, đồng thời chuẩn bị chu đáo cho công tác tuyển quân "
                    "năm 2024.</p>"
                ),
            ),
        ],
        "author": "Ban biên tập",
        "source_name": "",
        "source_url": "",
        "date": "2023-10-05",
        "tags": ["Kinh tế - xã hội", "Sơ kết"],
        "views": 274,
        "featured": False,
        "image": True,
        "image_caption": "Tuyến đường trục xã Liên Khê sau khi được mở rộng",
    },
    {
        "title": "Người dân Thụ Khê chung tay xây dựng khu dân cư kiểu mẫu",
        "slug": "nguoi-dan-thu-khe-chung-tay-xay-dung-khu-dan-cu-kieu-mau",
        "category": "nong-thon-moi",
        "lead": "",
        "body": [
            (
                "paragraph",
                (
                    "<p>Những tháng gần đây, ngõ xóm ở thôn Thụ Khê sạch sẽ, sáng sủa hơn hẳn. "
                    "Nhiều gia đình chủ động sơn lại tường rào, lát gạch lối đi, trồng cây trước "
                    "cổng.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Thôn thành lập các tổ tự quản vệ sinh môi trường theo từng cụm dân cư, duy "
                    "trì tổng vệ sinh vào sáng thứ bảy hằng tuần. Rác được phân loại tại hộ, rác "
                    "hữu cơ được tận dụng ủ làm phân bón cho vườn.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Ban công tác mặt trận thôn còn vận động các hộ cải tạo vườn tạp, trồng rau "
                    "sạch, cây ăn quả, hướng tới tiêu chí vườn mẫu.</p>"
                ),
            ),
        ],
        "author": "Ủy ban MTTQ xã",
        "source_name": "",
        "source_url": "",
        "date": "2023-10-17",
        "tags": ["Khu dân cư kiểu mẫu", "Môi trường"],
        "views": 143,
        "featured": False,
        "image": False,
        "image_caption": "",
    },
    {
        "title": "Ngày hội Đại đoàn kết toàn dân tộc ở thôn Thụ Khê",
        "slug": "ngay-hoi-dai-doan-ket-toan-dan-toc-o-thon-thu-khe",
        "category": "mat-tran-va-doan-the",
        "lead": "",
        "body": [
            (
                "paragraph",
                (
                    "<p>Chào mừng 93 năm Ngày truyền thống Mặt trận Tổ quốc Việt Nam (18/11/1930 - "
                    "18/11/2023), thôn Thụ Khê tổ chức Ngày hội Đại đoàn kết toàn dân tộc với sự "
                    "tham gia đông đủ của bà con.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Ban công tác mặt trận thôn báo cáo kết quả cuộc vận động “Toàn dân đoàn "
                    "kết xây dựng nông thôn mới, đô thị văn minh”, trong đó có nhiều hộ tự nguyện "
                    "hiến đất, tháo dỡ tường rào để mở rộng đường thôn.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Dịp này, thôn khen thưởng các gia đình tiêu biểu và trao quà cho hộ khó "
                    "khăn. Phần văn nghệ, trò chơi dân gian thu hút đông đảo người dân và các cháu "
                    "thiếu nhi.</p>"
                ),
            ),
        ],
        "author": "Ủy ban MTTQ xã",
        "source_name": "",
        "source_url": "",
        "date": "2023-11-16",
        "tags": ["Mặt trận", "Đại đoàn kết"],
        "views": 64,
        "featured": False,
        "image": True,
        "image_caption": "Bà con thôn Thụ Khê tham gia Ngày hội Đại đoàn kết",
    },
    {
        "title": "Thông báo lấy ý kiến người dân về kết quả xây dựng nông thôn mới kiểu mẫu",
        "slug": "thong-bao-lay-y-kien-nguoi-dan-ve-nong-thon-moi-kieu-mau",
        "category": "thong-bao",
        "lead": (
            "Việc lấy ý kiến được thực hiện tại các thôn bằng phiếu giấy và trên cổng thông tin "
            "điện tử của xã."
        ),
        "body": [
            (
                "paragraph",
                (
                    "<p>Thực hiện quy trình xét công nhận xã đạt chuẩn nông thôn mới kiểu mẫu, "
                    "UBND xã lấy ý kiến người dân về mức độ hài lòng đối với kết quả xây dựng nông "
                    "thôn mới của địa phương.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p><b>Thời gian:</b> từ ngày 25/11 đến hết ngày 10/12/2023. Mỗi hộ gia đình "
                    "cử một đại diện trả lời phiếu do thôn phát hoặc trả lời trực tuyến trên cổng "
                    "thông tin của xã.</p>"
                ),
            ),
            (
                "paragraph",
                (
                    "<p>Ý kiến của người dân là căn cứ quan trọng để xã hoàn thiện hồ sơ đề nghị "
                    "công nhận. Rất mong bà con tích cực tham gia và phản ánh trung thực.</p>"
                ),
            ),
        ],
        "author": "Ban Chỉ đạo nông thôn mới xã",
        "source_name": "",
        "source_url": "",
        "date": "2023-11-22",
        "tags": ["Nông thôn mới", "Lấy ý kiến"],
        "views": 41,
        "featured": False,
        "image": False,
        "image_caption": "",
    },
]


# The apparatus: (name, parent, English name, functions, functions in English, phone, e-mail)
UNITS: list[dict[str, str]] = [
    {"name": "Đảng ủy xã", "parent": "", "en": "Commune Party Committee",
     "functions": "Lãnh đạo toàn diện mọi mặt công tác ở địa phương; quyết định chủ trương, nhiệm vụ chính trị của xã.",
     "functions_en": "Leads every area of the commune's work and sets its political tasks.",
     "phone": "0225 3871 501", "email": "danguy.lienkhe@haiphong.gov.vn"},
    {"name": "Hội đồng nhân dân xã", "parent": "", "en": "Commune People's Council",
     "functions": "Cơ quan quyền lực nhà nước ở địa phương; quyết định các vấn đề quan trọng và giám sát hoạt động của Ủy ban nhân dân xã.",
     "functions_en": "The local body of state power: decides the commune's main matters and oversees the People's Committee.",
     "phone": "0225 3871 502", "email": "hdnd.lienkhe@haiphong.gov.vn"},
    {"name": "Ủy ban nhân dân xã", "parent": "", "en": "Commune People's Committee",
     "functions": "Cơ quan hành chính nhà nước ở địa phương; tổ chức thi hành pháp luật và nghị quyết của Hội đồng nhân dân xã.",
     "functions_en": "The local state administration: carries out the law and the resolutions of the People's Council.",
     "phone": "0225 3871 555", "email": "ubndlienkhe@haiphong.gov.vn"},
    {"name": "Văn phòng HĐND - UBND xã", "parent": "Ủy ban nhân dân xã", "en": "Office of the People's Council and People's Committee",
     "functions": "Tham mưu tổng hợp, quản lý văn bản, bộ phận một cửa, cổng thông tin điện tử và thống kê.",
     "functions_en": "General advice, records, the one-stop desk, the commune portal and statistics.",
     "phone": "0225 3871 510", "email": "vanphong.lienkhe@haiphong.gov.vn"},
    {"name": "Công an xã", "parent": "Ủy ban nhân dân xã", "en": "Commune Police",
     "functions": "Bảo đảm an ninh, trật tự; quản lý cư trú, định danh điện tử.",
     "functions_en": "Security and public order; residence management and electronic identification.",
     "phone": "0225 3871 113", "email": "congan.lienkhe@haiphong.gov.vn"},
    {"name": "Ban Chỉ huy Quân sự xã", "parent": "Ủy ban nhân dân xã", "en": "Commune Military Command",
     "functions": "Công tác quốc phòng, quân sự địa phương, tuyển quân, phòng chống thiên tai và tìm kiếm cứu nạn.",
     "functions_en": "Local defence, military service, disaster prevention, search and rescue.",
     "phone": "0225 3871 520", "email": "quansu.lienkhe@haiphong.gov.vn"},
    {"name": "Ủy ban Mặt trận Tổ quốc Việt Nam xã", "parent": "", "en": "Commune Committee of the Viet Nam Fatherland Front",
     "functions": "Tập hợp, đoàn kết Nhân dân; giám sát, phản biện xã hội; chủ trì cuộc vận động xây dựng nông thôn mới.",
     "functions_en": "Unites residents, oversees and comments on public decisions, leads the New Rural campaign.",
     "phone": "0225 3871 530", "email": "mttq.lienkhe@haiphong.gov.vn"},
]  # fmt: skip
POSITIONS_EN: dict[str, str] = {
    "Bí thư Đảng ủy xã": "Secretary of the Commune Party Committee",
    "Phó Bí thư Thường trực Đảng ủy xã": "Standing Deputy Secretary of the Commune Party Committee",
    "Chủ tịch HĐND xã": "Chairman of the Commune People's Council",
    "Chủ tịch UBND xã": "Chairman of the Commune People's Committee",
    "Phó Chủ tịch UBND xã": "Vice Chairman of the Commune People's Committee",
    "Chủ tịch Ủy ban MTTQ Việt Nam xã": "Chairman of the Commune Fatherland Front Committee",
    "Chỉ huy trưởng Ban Chỉ huy Quân sự xã": "Commander of the Commune Military Command",
    "Trưởng Công an xã": "Chief of the Commune Police",
    "Công chức Văn phòng - Thống kê": "Office and Statistics Officer",
}
LEADERS = {"Bí thư Đảng ủy xã", "Phó Bí thư Thường trực Đảng ủy xã", "Chủ tịch HĐND xã", "Chủ tịch UBND xã", "Phó Chủ tịch UBND xã"}  # fmt: skip
