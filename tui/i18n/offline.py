"""Desks that keep checking in when the server is gone (issue 21, part 3)."""

ZH = {
    "scan.offline.ok": "✔ 已签到（离线，待上传）",
    "scan.offline.exited": "↩ 已离场（离线，待上传）",
    "scan.offline.reentered": "✔ 重新入场（离线，待上传）",
    "offline.banner": "离线：{count} 条待上传（服务器恢复后自动上传）",
    "offline.banner_uploading": "服务器已恢复，正在上传：还有 {count} 条",
    "offline.uploaded": "已上传离线签到 {uploaded} 条",
    "offline.empty": "本台还没有连上过服务器，没有可以离线使用的名单，无法离线签到：请先连上服务器。",
    "offline.damaged": "本台的离线名单和记录文件已损坏，未上传任何记录（文件原样保留，请联系技术人员）：{detail}",
    "offline.foreign": "本台的离线记录属于另一个大会（{detail}），未上传；请在那个大会的服务器上上传",
    "offline.foreign_journal": "本台的离线记录不属于当前大会“{congress}”，未上传任何记录；文件原样保留",
    "offline.online_only": "表决、选举和计票只能在线进行：服务器连不上时不记录，请等服务器恢复。",
    "offline.two_desks": "{name}（{code}）：{kept_at} 在 {kept_station} 签到有效；{other_at} 在 {other_station} 又签到一次",
    "offline.none_two": "没有在两个签到台重复签到的代表。",
    "offline.by_desk": "{station}：上传 {count} 条",
}

EN = {
    "scan.offline.ok": "✔ Checked in (offline, to upload)",
    "scan.offline.exited": "↩ Left the hall (offline, to upload)",
    "scan.offline.reentered": "✔ Back in the hall (offline, to upload)",
    "offline.banner": "Offline: {count} scans to upload (uploaded when the server is back)",
    "offline.banner_uploading": "The server is back, uploading: {count} left",
    "offline.uploaded": "{uploaded} offline scans uploaded",
    "offline.empty": "This desk has never reached the server and has no roster to work offline with: connect to the server first.",
    "offline.damaged": "This desk's offline file is damaged; nothing was uploaded (the file is kept as it is, call for help): {detail}",
    "offline.foreign": "This desk's offline scans belong to another congress ({detail}); not uploaded here",
    "offline.foreign_journal": "This desk's offline scans are not of the current congress “{congress}”; nothing was uploaded and the file is kept",
    "offline.online_only": "Voting, elections and counting work online only: nothing is recorded while the server is out of reach.",
    "offline.two_desks": "{name} ({code}): checked in at {kept_station} at {kept_at} (stands); again at {other_station} at {other_at}",
    "offline.none_two": "Nobody was checked in at two desks.",
    "offline.by_desk": "{station}: {count} scans uploaded",
}
