from odoo import api, fields, models

# the boxes of the printed forms where someone signs or writes an opinion
SIGNATURE_BOXES = (
    "office_leader",  # EC notice: 督办科室或单位分管领导签字
    "co_leader",  # EC notice: 督办协助科室分管领导签字
    "principal",  # EC notice, top right of a major item: 主要领导
    "office_head",  # UN notice: 学校办公室负责人意见
    "school_leader",  # UN notice: 学校领导意见; RI notice: 所领导
    "unit_leader",  # EC report: 督办科室或单位领导; 责任人签字（盖章）
    "co_unit_leader",  # EC report: 督办协助科室或单位领导
)


class DubanForm(models.AbstractModel):
    """What the printed forms share: dates as an official form writes them, people's names as
    the organization writes them, and the one place that fills the signature and opinion boxes."""

    _name = "duban.form"
    _description = "Supervision printed form helpers"

    @api.model
    def _cn_date(self, day):
        """2026年12月8日 (Arabic numerals, no zero padding); blanks for a pen when no date."""
        if not day:
            return "\u3000\u3000年\u3000\u3000月\u3000\u3000日"
        return f"{day.year}年{day.month}月{day.day}日"

    @api.model
    def _today(self):
        return fields.Date.context_today(self)

    @api.model
    def _cn_period(self, date_from, date_to):
        """（2026年7月1日至2026年9月30日）: the period a summary covers."""
        return self.env._(
            "(%(start)s to %(end)s)", start=self._cn_date(date_from), end=self._cn_date(date_to)
        )

    @api.model
    def _special_report_text(self, totals):
        """The opening paragraph of the institute's special report: the period's figures."""
        return self.env._(
            "In this period %(received)s instructed items were supervised; %(closed)s were closed, "
            "%(on_time)s of them on time (on-time rate %(rate)s%%); %(overdue)s are overdue, "
            "%(extended)s were extended and %(urged)s were urged. They are listed below.",
            received=totals["received"],
            closed=totals["closed"],
            on_time=totals["on_time"],
            rate=totals["rate"],
            overdue=totals["overdue"],
            extended=totals["extended"],
            urged=totals["urged"],
        )

    @api.model
    def _time_limit(self, item):
        """The time limit as the notice states it: a date, or the days given and counted."""
        if item.deadline_mode == "working_days" and item.deadline_days:
            return self.env._("%(days)s working days", days=item.deadline_days)
        if item.deadline_mode == "calendar_days" and item.deadline_days:
            return self.env._("%(days)s days", days=item.deadline_days)
        return self._cn_date(item.date_deadline) if item.date_deadline else ""

    @api.model
    def _notice_requirements(self, item):
        """The commission notice's two fixed paragraphs, with the time limit and office room."""
        return [
            self.env._(
                "As the supervision requires, your office is hereby entrusted with this item; "
                "please handle it by the prescribed procedure before %(date)s. The report on its "
                "completion, signed by the office's leader in charge and stamped with the unit's "
                "seal, is returned to the office.",
                date=self._cn_date(item.date_deadline),
            ),
            self.env._(
                "Any objection to the item assigned must be raised by a letter proposing its "
                "transfer within 1 working day of receiving this notice, returned to office "
                "%(room)s for co-ordination and re-assignment.",
                room=item.company_id.duban_office_room or "",
            ),
        ]

    @api.model
    def _blank_number(self, company):
        """The company's notice number with blanks to fill in, for a notice not yet numbered."""
        return company._duban_policy().number_pattern % {
            "year": "\u3000\u3000",
            "seq": "\u3000\u3000",
        }

    @api.model
    def _person_name(self, user):
        """A person as the organization writes them: the employee's name, else the user's."""
        if not user:
            return ""
        # sudo: the printed name of a colleague, whose employee record the reader may not read
        return user.sudo().employee_ids[:1].name or user.sudo().name

    @api.model
    def _person_contact(self, user):
        """The phone and e-mail printed for a person: work ones first, then their partner's."""
        if not user:
            return {"phone": "", "email": ""}
        # sudo: a colleague's work phone and e-mail, printed on the form that names them
        employee = user.sudo().employee_ids[:1]
        partner = user.sudo().partner_id
        return {
            "phone": employee.work_phone or employee.mobile_phone or partner.phone or "",
            "email": employee.work_email or partner.email or "",
        }

    @api.model
    def _duban_form_signature(self, record, box):
        """Who signed ``box`` of the form printed for ``record``, their opinion and the date.

        Every signature or opinion box of every form is filled here, and only here, from what the
        record holds: a box nobody has signed yet comes back empty and stays blank for a pen.
        Returns ``{"name": str, "opinion": str, "date": date or False}``.
        """
        empty = {"name": "", "opinion": "", "date": False}
        if box not in SIGNATURE_BOXES:
            raise ValueError(f"unknown signature box {box!r}")
        user, day, opinion = self._signature_source(record, box)
        if not user:
            return empty
        return {"name": self._person_name(user), "opinion": opinion or "", "date": day or False}

    @api.model
    def _signature_source(self, record, box):
        """(user, date, opinion) that ``box`` shows for ``record``, or (False, False, "")."""
        nothing = (False, False, "")
        if record._name == "duban.item":
            # the leader's opinion is the item's text too: printed only for a reader cleared for it
            opinion = record.sign_opinion if record._is_readable_by_reader() else ""
            signed = (record.signed_by_id, record.date_signed, opinion or "")
            major = record.importance == "major"
            # a major item is signed by the principal leader, top right; others by the leader
            # in charge of the supervising office; the university's leader box takes either
            if box == "school_leader" or box == ("principal" if major else "office_leader"):
                return signed
            if box == "office_head":
                # the office head's review or 拟办意见 given before the leader signed
                review = record.pre_sign_opinion if record._is_readable_by_reader() else ""
                return record.pre_sign_user_id, record.pre_sign_date, review or ""
            return nothing
        if record._name == "duban.report" and box == "unit_leader":
            return record.signed_by_id, record.date_signed, ""
        return nothing
