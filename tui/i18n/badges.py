ZH = {
    "badges.nobody": "名册里还没有人，无法打印代表证。请先导入名册：huiwu roster import 文件",
    "badges.unknown_codes": "名册里没有这些编号：{codes}",
    "badges.out_is_dir": "“{path}”是一个文件夹，请给出PDF文件名，例如 {path}/代表证.pdf",
    "badges.out_dir_unwritable": "无法写入文件夹“{path}”：{detail}",
    "badges.out_locked": "无法覆盖“{path}”：文件可能正被其他程序（如PDF阅读器）打开，请关闭后重试。",
    "badges.png_dir_unwritable": "无法把二维码图片写入文件夹“{path}”：{detail}",
    "badges.written": "已生成 {count} 张证件，共 {pages} 页：{path}",
    "badges.png_written": "已另存 {count} 张二维码图片到：{path}",
}

EN = {
    "badges.nobody": "Nobody is on the roster yet, so there are no badges to print. Import the roster first: huiwu roster import FILE",
    "badges.unknown_codes": "These codes are not on the roster: {codes}",
    "badges.out_is_dir": "“{path}” is a folder; give a PDF file name, e.g. {path}/badges.pdf",
    "badges.out_dir_unwritable": "Cannot write to the folder “{path}”: {detail}",
    "badges.out_locked": "Cannot overwrite “{path}”: another program (a PDF viewer?) may have it open. Close it and try again.",
    "badges.png_dir_unwritable": "Cannot write the QR images to the folder “{path}”: {detail}",
    "badges.written": "{count} badges written on {pages} pages: {path}",
    "badges.png_written": "{count} QR images also saved to: {path}",
}
