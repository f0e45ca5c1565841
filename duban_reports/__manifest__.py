{
    "name": "Supervision Reports (督办报表)",
    "summary": "Printed forms, ledgers and periodic summaries for supervision. "
    "督办通知单、登记台账与专报、通报、分析报告。",
    "version": "19.0.1.0.0",
    "category": "Productivity/Supervision",
    "author": "duban",
    "license": "LGPL-3",
    "installable": True,
    "depends": ["duban_supervision"],
    "data": [
        "security/ir.model.access.csv",
        "security/duban_reports_rules.xml",
        "data/mail_data.xml",
        "data/duban_policy_data.xml",
        "report/duban_layout_templates.xml",
        "report/duban_form_templates.xml",
        "report/duban_ledger_templates.xml",
        "report/duban_summary_templates.xml",
        "report/duban_reports.xml",
        "views/duban_circular_views.xml",
        "views/duban_dashboard_views.xml",
        "views/duban_cockpit_views.xml",
        "views/duban_assessment_views.xml",
        "views/duban_policy_views.xml",
        "views/res_config_settings_views.xml",
        "wizards/duban_wizard_views.xml",
        "views/menus.xml",
    ],
    "demo": ["demo/duban_reports_demo.xml"],
    "assets": {
        "web.assets_backend": [
            "duban_reports/static/src/**/*",
        ],
        "web.assets_tests": [
            "duban_reports/static/tests/tours/**/*",
        ],
    },
}
