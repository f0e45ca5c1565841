{
    "name": "Supervision (督查督办)",
    "summary": "Register, assign, urge and close supervised work items. "
    "督办事项立项、交办、催办、反馈、审查与办结。",
    "version": "19.0.1.1.0",
    "category": "Productivity/Supervision",
    "author": "duban",
    "license": "LGPL-3",
    "application": True,
    "installable": True,
    "depends": ["mail", "hr", "resource"],
    "external_dependencies": {"python": ["chinesecalendar"]},
    "data": [
        "security/duban_security.xml",
        "security/ir.model.access.csv",
        "security/duban_rules.xml",
        "data/mail_data.xml",
        "data/duban_data.xml",
        "data/ir_cron_data.xml",
        "views/duban_item_views.xml",
        "views/duban_assignment_views.xml",
        "views/duban_report_views.xml",
        "views/duban_urge_views.xml",
        "views/duban_extension_views.xml",
        "views/duban_accountability_views.xml",
        "views/duban_risk_views.xml",
        "views/duban_config_views.xml",
        "wizards/duban_wizard_views.xml",
        "views/menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "duban_supervision/static/tests/tours/**/*",
        ],
    },
    "demo": [
        "demo/duban_demo.xml",
    ],
}
