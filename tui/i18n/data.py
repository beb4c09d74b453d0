"""Words for what goes wrong around the data: the database file, its version, the disk, the pipe."""

ZH = {
    "data.db_newer": (
        "这个数据库由更新版本的 huiwu 写入（数据库版本 {version}，本程序只认识到 {known}），"
        "请升级 huiwu 后再打开；数据库没有任何改动"
    ),
    "data.db_folder_missing": "数据库所在的文件夹不存在：{folder}（没有自动创建，请核对 --db）",
    "data.db_read_only": "数据库文件是只读的，本次操作未记录（请检查文件权限或换一个可写的位置）",
    "data.db_disk_full": "磁盘已满，本次操作未记录（请腾出磁盘空间后重试）",
    "data.db_label": "数据库 {name}",
}

EN = {
    "data.db_newer": (
        "This database was written by a newer huiwu (database version {version}; this program "
        "knows up to {known}); upgrade huiwu to open it. Nothing in the database was changed"
    ),
    "data.db_folder_missing": (
        "The database's folder does not exist: {folder} (not created; check --db)"
    ),
    "data.db_read_only": (
        "The database file is read-only; nothing was recorded "
        "(check the file's permissions or use a writable place)"
    ),
    "data.db_disk_full": (
        "The disk is full; nothing was recorded (free some disk space and try again)"
    ),
    "data.db_label": "database {name}",
}
