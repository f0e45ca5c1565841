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
    "data": [],
    "demo": [],
}
