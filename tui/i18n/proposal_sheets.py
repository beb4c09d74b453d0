"""Proposal exports: the 提案汇编 (PDF) and the registry workbook, as the desk is told about them."""

ZH = {
    "key.proposal_export": "导出",
    "tip.proposal_export": "提案汇编（PDF）和提案登记表（xlsx）写入“文档/huiwu”",
    "psheet.export.running": "正在生成提案汇编和提案登记表……",
    "psheet.export.done": (
        "已导出提案汇编（立案 {accepted} 件）：{pdf}\n　　　　提案登记表（共 {received} 件）：{xlsx}"
    ),
}

EN = {
    "key.proposal_export": "Export",
    "tip.proposal_export": "The compilation (PDF) and the registry (xlsx) into Documents/huiwu",
    "psheet.export.running": "Writing the compilation and the registry…",
    "psheet.export.done": (
        "Exported the compilation ({accepted} accepted): {pdf}\n"
        "          the registry ({received} proposals): {xlsx}"
    ),
}
