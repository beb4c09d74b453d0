"""Refusals of the PDF font (models/io/pdf_fonts.py): HUIWU_FONT names a file that cannot be used."""

ZH = {
    "pdf_font.missing": "环境变量 {variable} 指定的字体文件“{path}”不存在，未生成PDF。请改为一个存在的 TrueType 字体文件（.ttf 或 .ttc，例如 C:\\Windows\\Fonts\\simsun.ttc），或删除 {variable} 以使用 huiwu 自带的字体。",
    "pdf_font.unusable": "环境变量 {variable} 指定的“{path}”不是可用的 TrueType 字体（{detail}），未生成PDF。请改为 .ttf 或 .ttc 字体文件（OpenType/CFF 的 .otf 不行），或删除 {variable} 以使用 huiwu 自带的字体。",
    "pdf_font.not_installed": "找不到 huiwu 自带的字体文件“{path}”，未生成PDF。请重新安装 huiwu，或用环境变量 {variable} 指定一个 TrueType 字体文件。",
}

EN = {
    "pdf_font.missing": "The font file “{path}” named by the environment variable {variable} does not exist; no PDF was written. Point it at an existing TrueType font (.ttf or .ttc, e.g. C:\\Windows\\Fonts\\simsun.ttc), or unset {variable} to use the font shipped with huiwu.",
    "pdf_font.unusable": "“{path}”, named by the environment variable {variable}, is not a usable TrueType font ({detail}); no PDF was written. Use a .ttf or .ttc font file (OpenType/CFF .otf files do not work), or unset {variable} to use the font shipped with huiwu.",
    "pdf_font.not_installed": "The font file shipped with huiwu, “{path}”, is missing; no PDF was written. Reinstall huiwu, or name a TrueType font file in the environment variable {variable}.",
}
