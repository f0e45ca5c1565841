import re
import subprocess
import tempfile

from odoo.tests import Form, freeze_time, tagged

from .common import DubanReportCase

NOTICE = "duban_reports.action_report_duban_notice"
REPORT_FORM = "duban_reports.action_report_duban_report_form"

# EC 附件1, every label and fixed sentence in the document's order
EC_NOTICE = [
    "督办事项通知单",
    "督办事项编号",
    "督办事项",
    "督办科室或单位",
    "督办协助科室或单位",
    "督办科室或单位分管领导签字",
    "督办协助科室分管领导签字",
    "承办单位或相关科室",
    "通知时间",
    "预计交回时间",
    "办理时限",
    "督办事项与要求：",
    "根据督办内容，现委托你科室负责受理该事项，请你科室于",
    "前按照规定程序办理。办结情况报告经科室分管领导签字并加盖单位公章后交回办公室。",
    "如对交办事项有异议的，务必于收到通知单后1个工作日内提出转办意见函，退回",
    "办公室协调重新交办。",
    "（签章）",
    "督办责任经办人联系电话：",
    "电子邮箱：",
    "备注：如需要主要领导签字，直接签在通知单右上角。",
]
# EC 附件2
EC_REPORT = [
    "督办书面报告",
    "督办事项",
    "编号",
    "□督办事项编号：",
    "督办科室或单位",
    "督办科室或单位领导",
    "督办协助科室或单位",
    "督办协助科室或单位领导",
    "经办人",
    "办结时间",
    "联系方式",
    "办公室：",
    "根据督办事项通知的要求，现将办理结果报告如下：",
    "责任人签字（盖章）：",
]
# UN 通知单
UN_NOTICE = [
    "行政督查督办通知单",
    "行政督查督办单位（公章）：",
    "交办时间：",
    "主办单位",
    "要求反馈时间",
    "协办单位",
    "督查督办事项",
    "学校办公室负责人意见",
    "学校领导意见",
    "办结报告",
    "（主办单位公章）",
    "（协办单位公章）",
    "要求：",
    "1．接到本《通知》后，请按行政督查督办程序和时限要求办理，并由主办单位按时将本通知单反馈交办部门。",
    "2．如不能按时完成，请在要求时限内书面报告进展情况。",
    "3．督查内容或办结报告内容较多，可另附附件。",
    "交办部门联系人：",
    "联系电话：",
]
RI_NOTICE = [
    "督办工作（通知）",
    "牵头部门：",
    "参与部门：",
    "办理时限：",
    "所领导：",
]
PAGE_NUMBER = "—1—"
NUMERIC_DATE = re.compile(r"\d{4}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{1,2}")


@tagged("post_install", "-at_install")
class TestPapers(DubanReportCase):
    """Each paper as the institution prints it, read back with ``pdftotext -layout``."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer.employee_ids.write(
            {"work_phone": "023-47521202", "work_email": "duban@office.example.com"}
        )
        cls.liaison.employee_ids.work_phone = "023-47521555"

    # ---- helpers ----

    def _layout_text(self, report_xmlid, records, user=None, su=False):
        """The PDF's text as ``pdftotext -layout`` lays it out, line by line."""
        env = self.env(
            user=user or self.env.user,
            su=su,
            context=dict(self.env.context, force_report_rendering=True),
        )
        pdf, _type = env["ir.actions.report"]._render_qweb_pdf(report_xmlid, records.ids)
        self.assertTrue(pdf.startswith(b"%PDF"))
        return subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()

    def _assert_in_order(self, text, labels):
        """Every label appears, each after the one before it."""
        flat = re.sub(r"\s+", "", text)
        position = 0
        for label in labels:
            found = flat.find(label, position)
            self.assertNotEqual(found, -1, f"“{label}” missing or out of order in:\n{text}")
            position = found + len(label)

    def _assert_same_line(self, text, *labels):
        """Some line holds all ``labels``, left to right, as the document pairs them."""
        for line in text.splitlines():
            flat = re.sub(r"\s+", "", line)
            position = 0
            for label in labels:
                position = flat.find(label, position)
                if position == -1:
                    break
                position += len(label)
            else:
                return
        self.fail(f"{' | '.join(labels)} not on one line in:\n{text}")

    def _assert_nothing_else(self, text, *allowed_lists):
        """Nothing is printed but the document's labels, the record's values and the page
        number: with all of them taken out, no character is left."""
        rest = re.sub(r"\s+", "", text)
        allowed = {piece for pieces in allowed_lists for piece in pieces} | {PAGE_NUMBER}
        for piece in sorted(allowed, key=len, reverse=True):
            rest = rest.replace(re.sub(r"\s+", "", piece), "")
        self.assertEqual(rest, "", "text the document does not have")

    def _assert_cn_dates(self, text):
        self.assertIsNone(NUMERIC_DATE.search(text), "dates are written 2026年3月2日")

    def _item_values(self, item):
        return [item.number, item.name, "全面排查校园安全隐患。", item.office_id.name]

    def _issue_on(self, day, **overrides):
        with freeze_time(day):
            return self._issued_item(**overrides)

    # ---- EC 督办事项通知单 (附件1) ----

    def test_ec_notice_box_by_box(self):
        """The commission's notice: its labels in order, pairs on one line, fixed text filled."""
        self.env.company.duban_office_room = "202"
        item = self._issue_on("2026-03-02")
        text = self._layout_text(NOTICE, item)
        self._assert_in_order(text, EC_NOTICE)
        self._assert_same_line(text, "督办事项编号", item.number, "督办事项", "推进校园安全")
        self._assert_same_line(text, "督办科室或单位", "测试办公室", "督办协助科室或单位", "协办科")
        self._assert_same_line(
            text,
            "督办科室或单位分管领导签字",
            "分管领导",
            "2026年3月2日",
            "督办协助科室分管领导签字",
        )
        self._assert_same_line(text, "承办单位或相关科室", "主办科", "通知时间", "2026年3月2日")
        self._assert_same_line(text, "预计交回时间", "2026年3月20日")
        self._assert_same_line(text, "办理时限", "2026年3月20日")
        self._assert_in_order(
            text,
            [
                "请你科室于2026年3月20日前按照规定程序办理",
                "退回202办公室协调重新交办。",
                "督办责任经办人联系电话：023-47521202",
                "电子邮箱：duban@office.example.com",
            ],
        )
        self._assert_cn_dates(text)
        self.assertNotIn("视为", text, "the document deems nothing accepted")
        self.assertNotIn("测试区教育委员会", text, "the form has no letterhead")
        self._assert_nothing_else(
            text,
            EC_NOTICE,
            self._item_values(item),
            ["协办科", "主办科", "分管领导", "2026年3月2日", "2026年3月20日", "202"],
            ["023-47521202", "duban@office.example.com"],
        )
        self.assertEqual(self._pdf_page_size(NOTICE, item), (595, 842), "A4 portrait")

    def test_ec_notice_without_office_room_and_for_a_major_item(self):
        """No room set: objections go back to 办公室; a major item has the principal's
        signature at the top right and the leader-in-charge box left for a pen."""
        self.env.company.duban_office_room = False
        item = self._issue_on("2026-03-02", importance="major")
        self.assertEqual(item.signed_by_id, self.principal)
        text = self._layout_text(NOTICE, item)
        self._assert_in_order(text, ["主要领导", "2026年3月2日", "督办事项通知单"])
        self.assertIn("退回办公室协调重新交办", re.sub(r"\s+", "", text))
        first_line = next(line for line in text.splitlines() if line.strip())
        self.assertIn("主要领导", first_line, "signed at the top right, above the title")
        self.assertGreater(first_line.index("主要领导"), len(first_line) // 2)
        signature_line = next(line for line in text.splitlines() if "分管领导签字" in line)
        self.assertNotIn("主要领导", signature_line)
        self.assertNotIn("2026年", signature_line, "nothing recorded: empty for a pen")

    def test_ec_notice_prints_the_office_room_as_text(self):
        """A room written with markup prints as typed, never as markup."""
        form = Form(self.env["res.config.settings"])
        form.duban_office_room = "<b>3</b>楼"
        form.save().execute()
        self.assertEqual(self.env.company.duban_office_room, "<b>3</b>楼")
        item = self._issue_on("2026-03-02")
        self.assertIn("退回<b>3</b>楼办公室", re.sub(r"\s+", "", self._layout_text(NOTICE, item)))

    # ---- EC 督办书面报告 (附件2) ----

    def test_ec_written_report(self):
        """The written report: 12 boxes, then the letter to the office signed and dated."""
        item = self._issue_on("2026-03-02")
        with freeze_time("2026-03-18"):
            lead = self._lead(item)
            lead.with_user(self.liaison).action_sign()
            report = self._report(lead, self.liaison, content="<p>已完成全部整改任务。</p>")
            self._sign_and_submit(report)
        text = self._layout_text(REPORT_FORM, report)
        self._assert_in_order(text, EC_REPORT)
        self._assert_same_line(text, "督办事项", item.name)
        self._assert_same_line(text, "编号", "□督办事项编号：" + item.number)
        self._assert_same_line(text, "督办科室或单位", "主办科", "督办科室或单位领导", "主办科长")
        self._assert_same_line(text, "督办协助科室或单位", "协办科", "督办协助科室或单位领导")
        self._assert_same_line(
            text, "经办人", "主办联络人", "办结时间", "2026年3月18日", "联系方式", "023-47521555"
        )
        self._assert_in_order(
            text,
            [
                "根据督办事项通知的要求，现将办理结果报告如下：",
                "已完成全部整改任务。",
                "责任人签字（盖章）：主办科长",
                "2026年3月18日",
            ],
        )
        self._assert_cn_dates(text)
        self._assert_nothing_else(
            text,
            EC_REPORT,
            [item.name, item.number, "主办科长", "主办科", "协办科", "主办联络人"],
            ["2026年3月18日", "023-47521555", "已完成全部整改任务。"],
        )
        self.assertEqual(self._pdf_page_size(REPORT_FORM, report), (595, 842), "A4 portrait")

    def test_ec_written_report_unsigned_leaves_blanks(self):
        """Before the head signs, the signature and date are blanks for a pen."""
        item = self._issue_on("2026-03-02")
        lead = self._lead(item)
        lead.with_user(self.liaison).action_sign()
        report = self._report(lead, self.liaison)
        text = self._layout_text(REPORT_FORM, report)
        self._assert_in_order(text, ["责任人签字（盖章）：", "年", "月", "日"])
        self.assertNotIn("主办科长", text)
        self.assertNotIn("办结时间2026", re.sub(r"\s+", "", text))

    # ---- UN 行政督查督办通知单 ----

    def test_un_notice_box_by_box(self):
        """The university's notice: school name, seal lines, number, boxes and requirements."""
        self.env.company.name = "通化师范学院"
        self._use_policy("policy_university")
        self.office.manager_id = self.officer.employee_ids[:1]
        item = self._issue_on("2026-03-02")
        self.assertRegex(item.number, r"^通师督字\[2026\]第\d+号$")
        text = self._layout_text(NOTICE, item)
        self._assert_in_order(text, ["通化师范学院行政督查督办通知单", *UN_NOTICE[1:]])
        self._assert_same_line(text, item.number, "交办时间：", "2026年3月2日")
        self._assert_same_line(text, "主办单位", "主办科", "要求反馈时间", "2026年3月20日")
        self._assert_same_line(text, "协办单位", "协办科")
        self._assert_same_line(text, "学校领导意见", "分管领导", "2026年3月2日")
        self._assert_same_line(text, "（主办单位公章）", "（协办单位公章）")
        self._assert_same_line(text, "交办部门联系人：", "督办员", "联系电话：", "023-47521202")
        # the office head's 拟办意见, given before the leader signed
        self._assert_in_order(
            text,
            [
                "学校办公室负责人意见",
                "拟同意，请领导签发。",
                "督办员",
                "2026年3月2日",
                "学校领导意见",
            ],
        )
        self._assert_cn_dates(text)
        self._assert_nothing_else(
            text,
            ["通化师范学院"],
            UN_NOTICE,
            self._item_values(item),
            ["主办科", "协办科", "分管领导", "督办员", "2026年3月2日", "2026年3月20日"],
            ["拟同意，请领导签发。"],
            ["023-47521202"],
        )

    # ---- RI 督办工作（通知） and （专报） ----

    def test_ri_notice(self):
        """The institute's notice as an official document: heading, number, body, units,
        time limit, the leader's signature, the office and the date."""
        self._use_policy("policy_institute")
        item = self._issue_on("2026-03-02")
        text = self._layout_text(NOTICE, item)
        self._assert_in_order(
            text,
            [
                "测试区教育委员会",
                "督办工作（通知）",
                item.number,
                item.name,
                "主办科：",
                "全面排查校园安全隐患。",
                "牵头部门：主办科",
                "参与部门：协办科",
                "办理时限：2026年3月20日",
                "所领导：分管领导",
                "测试办公室",
                "2026年3月2日",
            ],
        )
        self._assert_cn_dates(text)
        self._assert_nothing_else(
            text,
            RI_NOTICE,
            self._item_values(item),
            ["测试区教育委员会", "主办科", "协办科", "分管领导", "2026年3月2日", "2026年3月20日"],
            ["："],
        )

    def test_ri_special_report(self):
        """The institute's quarterly report on instructions prints as 督办工作（专报）."""
        self._use_policy("policy_institute")
        item = self._issue_on("2026-03-02")
        with freeze_time("2026-03-31"):
            wizard = (
                self.env["duban.summary.wizard"]
                .with_user(self.officer)
                .create({"summary_type": "instructions"})
            )
            text = self._layout_text(
                "duban_reports.action_report_duban_summary", wizard, self.officer
            )
        self._assert_in_order(
            text,
            [
                "测试区教育委员会",
                "督办工作（专报）",
                "（2026年1月1日至2026年3月31日）",
                "所领导：",
                "本期督办领导批示件1件，已办结0件",
                item.number,
                item.name,
                "主办科",
                "2026年3月20日",
                "2026年3月31日",
            ],
        )
        self._assert_cn_dates(text)
        # elsewhere the same summary keeps its analysis layout
        self._use_policy("policy_education")
        with freeze_time("2026-03-31"):
            text = self._layout_text(
                "duban_reports.action_report_duban_summary", wizard, self.officer
            )
        self.assertNotIn("督办工作（专报）", re.sub(r"\s+", "", text))

    # ---- every form ----

    def test_signature_boxes_read_what_the_record_holds(self):
        """One method fills every box: the signer and date when recorded, else nothing."""
        forms = self.env["duban.form"]
        item = self._issue_on("2026-03-02")
        signed = forms._duban_form_signature(item, "office_leader")
        self.assertEqual(signed["name"], "分管领导")
        self.assertEqual(str(signed["date"]), "2026-03-02")
        for box in ("principal", "co_leader", "office_head"):
            self.assertEqual(
                forms._duban_form_signature(item, box), {"name": "", "opinion": "", "date": False}
            )
        with self.assertRaises(ValueError):
            forms._duban_form_signature(item, "nobody")

    def test_every_layout_keeps_confidential_content_off_paper(self):
        """Whatever the layout, a reader without clearance never gets a secret item's content."""
        self._clear_unit_people()
        item = self._issue_on("2026-03-02", security_level="secret", content="<p>绝密内容</p>")
        for layout in ("policy_education", "policy_university", "policy_institute"):
            self._use_policy(layout)
            text = self._layout_text(NOTICE, item, self.outsider, su=True)
            self.assertNotIn("绝密内容", text, layout)
            self.assertIn("涉密内容，不予显示", re.sub(r"\s+", "", text), layout)

    def test_fonts_are_the_simplified_chinese_faces(self):
        """The PDF embeds the Simplified Chinese faces the layout names, no Japanese glyphs."""
        item = self._issue_on("2026-03-02")
        env = self.env(context=dict(self.env.context, force_report_rendering=True))
        pdf, _type = env["ir.actions.report"]._render_qweb_pdf(NOTICE, item.ids)
        with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
            file.write(pdf)
            file.flush()
            fonts = subprocess.run(
                ["pdffonts", file.name], capture_output=True, check=True
            ).stdout.decode()
        self.assertRegex(fonts, r"UMing|WenQuanYi|SC")
        self.assertNotRegex(fonts, r"JP")
