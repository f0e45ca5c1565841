from odoo.tests import TransactionCase, tagged

from odoo.addons.duban_supervision.tests.test_translations import ChineseTranslationChecks


@tagged("post_install", "-at_install")
class TestReportsChinese(ChineseTranslationChecks, TransactionCase):
    module = "duban_reports"
