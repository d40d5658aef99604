"""The demo commune's residents' feedback: three dozen submissions over the last months in every
state (received, being handled, one overdue, to forward and one late, forwarded, not accepted,
answered, closed), some of them published as questions and answers, and a few questions written
by the commune itself.

Every sender here is made up. Created through the services in a fixed order; a second run changes
nothing.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from xaso.communes.models import Commune, Official
from xaso.feedback import services
from xaso.feedback.choices import Classification
from xaso.feedback.models import Event, Question, Submission

# (days ago received, kind, field, content, what happened: (step, days after receipt, text) ...)
Step = tuple[str, int, str]
SUBMISSIONS: list[tuple[int, str, str, str, list[Step]]] = [
    (2, "feedback", "building",
     "Đèn chiếu sáng đường trục xã đoạn qua thôn 7 bị hỏng 5 bóng liền nhau, tối đi lại rất "
     "nguy hiểm.", []),
    (1, "petition", "social",
     "Đề nghị xã tổ chức lớp học bơi miễn phí cho trẻ em trong dịp hè.", []),
    (0, "feedback", "order",
     "Nhóm thanh niên thường tụ tập phóng xe máy ở đường đê sau 22 giờ.", []),
    (3, "feedback", "land",
     "Bãi rác tự phát ở cuối thôn 10, cạnh mương thủy lợi, bốc mùi hôi.", []),
    (9, "feedback", "building",
     "Rãnh thoát nước trước nhà văn hóa thôn 5 bị tắc, mưa to là ngập sân.",
     [("within", 1, ""), ]),
    (14, "feedback", "land",
     "Một hộ ở thôn 6 đổ đất lấn mương thoát nước chung của xóm.",
     [("within", 2, "")]),
    (25, "petition", "building",
     "Đề nghị lắp biển cảnh báo tốc độ ở ngã ba trường tiểu học.",
     [("within", 1, "")]),  # overdue: not answered within 10 working days
    (4, "feedback", "procedures",
     "Thủ tục cấp đổi giấy chứng nhận quyền sử dụng đất ở huyện chậm quá hẹn ghi trên phiếu.",
     [("outside", 1, "")]),
    (12, "feedback", "officials",
     "Cán bộ một cửa hẹn trả kết quả nhiều lần nhưng chưa trả, không giải thích lý do.",
     [("conduct", 1, "")]),  # late: not forwarded within 5 working days
    (40, "feedback", "land",
     "Nhà máy gạch ở xã bên xả khói đen ảnh hưởng tới ruộng lúa thôn 9.",
     [("outside", 1, ""), ("forward", 3, "Phòng Nông nghiệp và Môi trường")]),
    (35, "feedback", "procedures",
     "Cổng dịch vụ công không nhận hồ sơ đăng ký khai sinh trực tuyến của tôi.",
     [("outside", 2, ""), ("forward", 4, "Sở Tư pháp thành phố")]),
    (20, "petition", "other",
     "Đề nghị xem xét.",
     [("missing", 1, "Nội dung chưa nêu rõ kiến nghị điều gì, ở đâu. Đề nghị gửi lại với nội "
                     "dung cụ thể.")]),
    (60, "feedback", "building",
     "Đoạn đường trục xã qua thôn 9 bị sụt lún sau mưa, xe máy đi lại nguy hiểm. Khi nào xã "
     "sửa?",
     [("within", 1, ""), ("answer", 6, "Ban quản lý dự án xã đã khảo sát. Đoạn sụt lún được vá "
                                       "bằng kinh phí duy tu năm nay, xong trong 15 ngày."),
      ("publish", 0, "Khi nào xã sửa đoạn đường trục xã bị sụt lún qua thôn 9?")]),
    (75, "petition", "building",
     "Đề nghị xã cho biết kế hoạch mở rộng đường trục xã và mức hỗ trợ khi hiến đất.",
     [("within", 1, ""), ("answer", 7, "Đường trục xã được mở rộng lên 7,5 m theo Nghị quyết "
                                       "của HĐND xã. Hộ hiến đất được hỗ trợ tháo dỡ, di chuyển "
                                       "công trình và được ghi tên trên bảng vinh danh."),
      ("close", 10, ""),
      ("publish", 0, "Đường trục xã mở rộng bao nhiêu và hộ hiến đất được hỗ trợ gì?")]),
    (90, "feedback", "social",
     "Trạm y tế xã không có bác sĩ trực vào thứ bảy.",
     [("within", 2, ""), ("answer", 9, "Từ tháng sau, trạm y tế bố trí bác sĩ trực sáng thứ "
                                       "bảy; ngoài giờ gọi số trực của trạm."),
      ("close", 12, ""),
      ("publish", 0, "Trạm y tế xã có bác sĩ trực vào thứ bảy không?")]),
    (100, "petition", "procedures",
     "Làm giấy xác nhận tình trạng hôn nhân có phải về nơi đăng ký thường trú không?",
     [("within", 1, ""), ("answer", 3, "Không cần: nộp trực tuyến trên Cổng Dịch vụ công quốc "
                                       "gia bằng tài khoản định danh điện tử mức 2, nhận kết "
                                       "quả điện tử."),
      ("close", 5, ""),
      ("publish", 0, "Xin giấy xác nhận tình trạng hôn nhân ở đâu?")]),
    (120, "feedback", "land",
     "Kênh tưới tiêu nội đồng thôn 4 bị bồi lắng, nước không về ruộng.",
     [("within", 1, ""), ("answer", 8, "Xã đã huy động nạo vét 600 m kênh bằng máy trong đợt "
                                       "làm thủy lợi đầu vụ."),
      ("close", 11, ""),
      ("publish", 0, "Kênh tưới tiêu nội đồng bị bồi lắng thì xã xử lý thế nào?")]),
    (130, "feedback", "order",
     "Chó thả rông không rọ mõm ở khu chợ.",
     [("within", 1, ""), ("answer", 5, "Công an xã đã nhắc nhở các hộ nuôi chó và sẽ xử phạt "
                                       "nếu tái phạm."),
      ("close", 6, "")]),
    (150, "petition", "social",
     "Đề nghị xây thêm phòng học cho trường mầm non thôn 8.",
     [("within", 2, ""), ("answer", 12, "Xã đã đưa vào kế hoạch đầu tư công trung hạn, dự kiến "
                                        "khởi công năm sau."),
      ("close", 14, "")]),
    (45, "feedback", "building",
     "Cầu tạm qua mương ở thôn 8 bị gãy một tấm ván.",
     [("within", 1, ""), ("answer", 2, "Đã thay ván mới ngay trong ngày.")]),
    (30, "feedback", "land",
     "Ruộng bỏ hoang ở xứ đồng Cửa Đình thành nơi đổ rác.",
     [("within", 1, ""), ("answer", 9, "Xã đã vận động chủ ruộng dọn sạch và trồng lại vụ "
                                       "đông.")]),
    (1, "feedback", "building",
     "Cống qua đường liên thôn Thụ Khê bị vỡ nắp, xe đạp dễ sa xuống.", []),
    (5, "petition", "procedures",
     "Đề nghị Bộ phận Một cửa làm việc sáng thứ bảy để người đi làm xa nộp hồ sơ.",
     [("within", 1, "")]),
    (6, "feedback", "social",
     "Loa truyền thanh thôn 4 phát quá to lúc 5 giờ sáng.", [("within", 2, "")]),
    (8, "feedback", "order",
     "Xe tải chở vật liệu chạy tốc độ cao qua khu dân cư thôn 6 giờ tan học.",
     [("within", 1, "")]),
    (18, "feedback", "land",
     "Trạm trộn bê tông ở xã giáp ranh gây bụi cho các hộ thôn 10.",
     [("outside", 2, ""), ("forward", 5, "UBND xã Thủy Đường")]),
    (22, "petition", "other",
     "Tôi có ý kiến.",
     [("missing", 2, "Chưa nêu nội dung ý kiến. Đề nghị gửi lại nội dung cụ thể.")]),
    (50, "feedback", "building",
     "Biển tên đường trục xã bị cây che khuất ở ngã tư chợ.",
     [("within", 1, ""), ("answer", 4, "Đã cắt tỉa cây và lau lại biển tên đường."),
      ("close", 6, "")]),
    (55, "petition", "social",
     "Đề nghị mở thêm lớp tin học miễn phí cho người cao tuổi ở nhà văn hóa.",
     [("within", 2, ""), ("answer", 8, "Tổ công nghệ số cộng đồng sẽ mở lớp vào tối thứ năm "
                                       "hằng tuần tại nhà văn hóa thôn 5."),
      ("close", 10, "")]),
    (65, "feedback", "procedures",
     "Tra cứu hồ sơ đất đai trên cổng dịch vụ công báo lỗi.",
     [("outside", 1, ""), ("forward", 2, "Văn phòng Đăng ký đất đai thành phố"),
      ("close", 20, "")]),
    (80, "feedback", "order",
     "Đèn tín hiệu ở đường gom quốc lộ qua xã không hoạt động.",
     [("outside", 1, ""), ("forward", 3, "Sở Xây dựng thành phố")]),
    (95, "petition", "land",
     "Đề nghị xã công bố kế hoạch sử dụng đất năm tới tại nhà văn hóa các thôn.",
     [("within", 1, ""), ("answer", 10, "Kế hoạch sử dụng đất được niêm yết tại trụ sở xã, nhà "
                                        "văn hóa các thôn và đăng trên cổng thông tin xã."),
      ("close", 12, "")]),
    (110, "feedback", "officials",
     "Công chức địa chính hẹn đo đạc nhưng không đến.",
     [("conduct", 1, ""), ("forward", 3, "Chủ tịch UBND xã (xem xét theo thẩm quyền)"),
      ("close", 15, "")]),
    (140, "feedback", "building",
     "Mặt đường bê tông thôn 8 bị nứt sau khi xe trọng tải lớn đi qua.",
     [("within", 1, ""), ("answer", 10, "Xã đã yêu cầu đơn vị vận chuyển sửa chữa và cắm biển "
                                        "hạn chế tải trọng."),
      ("close", 12, "")]),
    (160, "feedback", "social",
     "Sân chơi trẻ em ở nhà văn hóa thôn 9 có thiết bị bị gãy.",
     [("within", 1, ""), ("answer", 6, "Đã tháo thiết bị hỏng và lắp mới bằng kinh phí xã hội "
                                       "hóa."),
      ("close", 8, "")]),
]  # fmt: skip
SENDERS = [
    ("Nguyễn Văn Hòa", "Thôn 7"), ("Trần Thị Lan", "Thôn 5"), ("Lê Văn Bình", "Thôn 8"),
    ("Phạm Thị Mai", "Thôn 10"), ("Vũ Đức Thắng", "Thôn 5"), ("Đỗ Thị Hạnh", "Thôn 6"),
    ("Bùi Văn Nam", "Thôn 4"), ("Hoàng Thị Nga", "Thôn 9"),
]  # fmt: skip
# The commune's own questions, written as answers to what residents ask most.
OWN_QUESTIONS = [
    ("procedures", "Đăng ký khai sinh cho con ở đâu, cần giấy tờ gì?",
     "Con tôi mới sinh ở bệnh viện huyện. Tôi đăng ký khai sinh ở đâu và cần mang gì?",
     "Đăng ký trực tuyến trên Cổng Dịch vụ công quốc gia (liên thông khai sinh, thường trú, bảo "
     "hiểm y tế) hoặc tại Bộ phận Một cửa của xã, mang giấy chứng sinh và giấy tờ tùy thân của "
     "cha hoặc mẹ. Không mất lệ phí khi đăng ký đúng hạn."),
    ("building", "Hiến đất làm đường có được cấp lại giấy chứng nhận không?",
     "Gia đình tôi hiến 30 m² đất mở đường thì giấy chứng nhận quyền sử dụng đất có phải làm "
     "lại không, có mất phí không?",
     "Có. Xã lập hồ sơ chỉnh lý biến động cho các hộ hiến đất và nộp thay; hộ gia đình không phải "
     "nộp phí, lệ phí cho việc chỉnh lý này."),
    ("social", "Người cao tuổi được hưởng trợ cấp xã hội từ bao nhiêu tuổi?",
     "Bố tôi 75 tuổi, không có lương hưu. Có được trợ cấp không?",
     "Người từ đủ 75 tuổi trở lên không có lương hưu, trợ cấp bảo hiểm xã hội hằng tháng được "
     "hưởng trợ cấp xã hội hằng tháng. Nộp tờ khai tại Bộ phận Một cửa của xã."),
]  # fmt: skip


def _officials(commune: Commune) -> list[Official]:
    return list(Official.objects.filter(commune=commune, is_active=True).order_by("pk")[:4])


@transaction.atomic
def load_feedback_demo(commune: Commune) -> None:
    if Submission.objects.filter(commune=commune).exists():
        return
    now = timezone.now()
    today = timezone.localdate()
    officials = _officials(commune)
    for number, (days_ago, kind, field, content, steps) in enumerate(SUBMISSIONS):
        name, hamlet = SENDERS[number % len(SENDERS)]
        submission = services.submission_create(
            commune=commune,
            submission=Submission(
                kind=kind,
                field=field,
                content=content,
                sender_name=name,
                sender_address=f"{hamlet}, xã {commune.name}",
                sender_phone=f"09{number:02d}{(number * 7919) % 1_000_000:06d}",
                consent_handling=True,
            ),
        )
        received = now - datetime.timedelta(days=days_ago, hours=number % 7)
        Submission.objects.filter(pk=submission.pk).update(received_at=received)
        Event.objects.filter(submission=submission).update(at=received)
        submission.refresh_from_db()
        received_on = timezone.localtime(received).date()
        for step, after, text in steps:
            on = min(received_on + datetime.timedelta(days=after), today)
            submission = _step(submission, step, on, text, officials, number)


def _step(
    submission: Submission,
    step: str,
    on: datetime.date,
    text: str,
    officials: list[Official],
    number: int,
) -> Any:
    if step in {c.value for c in Classification}:
        assigned = officials[number % len(officials)] if officials and step == "within" else None
        return services.submission_classify(
            submission=submission,
            classification=step,
            note=text,
            assigned_to=assigned,
            on_date=on,
        )
    if step == "forward":
        return services.submission_forward(submission=submission, forwarded_to=text, on_date=on)
    if step == "answer":
        return services.submission_answer(submission=submission, response=text, on_date=on)
    if step == "close":
        return services.submission_close(submission=submission)
    services.question_from_submission(
        submission=submission,
        title=text,
        question=services.personal_data_redact(submission.content, submission),
        answer=services.personal_data_redact(submission.response, submission),
    )
    return submission


def load_questions_demo(commune: Commune) -> None:
    today = timezone.localdate()
    for order, (field, title, question, answer) in enumerate(OWN_QUESTIONS):
        if Question.objects.filter(commune=commune, title=title).exists():
            continue
        services.question_save(
            question=Question(
                commune=commune,
                field=field,
                title=title,
                question=question,
                answer=answer,
                answered_on=today - datetime.timedelta(days=30 * (order + 1)),
            )
        )
