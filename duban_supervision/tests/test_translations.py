import re
from pathlib import Path

import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader

PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_]*\}")


class ChineseTranslationChecks:
    """Every term an addon exports has a Chinese translation with the same placeholders.

    Mixed into a TransactionCase by each addon, which names itself in ``module``.
    """

    module = None

    def _exported_terms(self):
        reader = TranslationModuleReader(self.env.cr, modules=[self.module])
        return {
            source for module, *_rest, source, _value, _comments in reader if module == self.module
        }

    def _i18n_file(self, name):
        return str(Path(__file__).resolve().parent.parent.parent / self.module / "i18n" / name)

    def _po_entries(self):
        po = polib.pofile(self._i18n_file("zh_CN.po"))
        return {entry.msgid: entry for entry in po if not entry.obsolete}

    def test_template_is_current(self):
        """Odoo merges the .po with the .pot on loading: a term missing there is not shown."""
        pot = polib.pofile(self._i18n_file(f"{self.module}.pot"))
        in_template = {entry.msgid for entry in pot if not entry.obsolete}
        terms = self._exported_terms()
        self.assertFalse(
            sorted(terms - in_template)[:20], f"{self.module}.pot lacks these exported terms"
        )
        self.assertFalse(
            sorted(in_template - terms)[:20], f"{self.module}.pot has terms no longer exported"
        )

    def test_every_exported_term_is_translated(self):
        entries = self._po_entries()
        terms = self._exported_terms()
        self.assertGreater(len(terms), 100, "the export found no terms: is the addon installed?")
        missing = sorted(
            term
            for term in terms
            if term not in entries or not entries[term].msgstr or "fuzzy" in entries[term].flags
        )
        self.assertFalse(
            missing, f"{self.module}/i18n/zh_CN.po lacks {len(missing)} term(s): {missing[:20]}"
        )

    def test_translations_keep_the_placeholders(self):
        wrong = [
            msgid
            for msgid, entry in self._po_entries().items()
            if entry.msgstr
            and sorted(PLACEHOLDER.findall(msgid)) != sorted(PLACEHOLDER.findall(entry.msgstr))
        ]
        self.assertFalse(wrong, f"placeholders differ in {wrong[:20]}")

    def test_the_ui_speaks_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search([("name", "=", self.module)])._update_translations(
            ["zh_CN"]
        )
        menus = (
            self.env["ir.ui.menu"]
            .with_context(lang="zh_CN")
            .search([("id", "in", self._module_records("ir.ui.menu"))])
        )
        self.assertTrue(menus)
        untranslated = [menu.name for menu in menus if not re.search(r"[\u4e00-\u9fff]", menu.name)]
        self.assertFalse(untranslated, f"menus without Chinese names: {untranslated}")

    def _module_records(self, model):
        return (
            self.env["ir.model.data"]
            .search([("module", "=", self.module), ("model", "=", model)])
            .mapped("res_id")
        )


@tagged("post_install", "-at_install")
class TestSupervisionChinese(ChineseTranslationChecks, TransactionCase):
    module = "duban_supervision"
