"""The projector page that ``huiwu display --serve`` hands out (tui/serve_page/app_index.html),
read over HTTP without a browser: it names nothing outside this laptop, its font is served here,
and its own words come from the catalog. (test_display_browser.py loads it in Chromium.)"""

import re

from aiohttp.test_utils import TestClient, TestServer

from tui.display_cli import local_page_server
from tui.i18n import set_lang

PUBLIC = "http://192.0.2.10:8000"  # what --host 0.0.0.0 would write: the LAN address


async def fetch_page(*paths: str) -> list[tuple[int, str | bytes]]:
    server = local_page_server(command="true", host="127.0.0.1", port=0, title="职工演讲比赛", public_url=PUBLIC)  # fmt: skip
    app = await server._make_app()
    async with TestClient(TestServer(app)) as client:
        answers = []
        for path in paths:
            response = await client.get(path)
            body = await (response.text() if path == "/" else response.read())
            answers.append((response.status, body))
        return answers


def addresses(page: str) -> set[str]:
    """Every absolute address the page's markup, styles and scripts name."""
    found = set(re.findall(r"""(?:https?|wss?)://[^\s"'()<>]+""", page))
    return {url for url in found if url != "http://www.w3.org/2000/svg"}  # a namespace, not fetched


async def test_the_page_names_only_this_server():
    [(status, page)] = await fetch_page("/")
    assert status == 200
    assert "googleapis" not in page and "gstatic" not in page
    named = addresses(page)
    assert named and all(url.startswith(("http://192.0.2.10:8000/", "ws://192.0.2.10:8000/")) for url in named), named  # fmt: skip
    assert "职工演讲比赛" in page  # the contest's title on the waiting card


async def test_the_font_the_page_names_is_served_here():
    [(_, page)] = await fetch_page("/")
    fonts = sorted(set(re.findall(r"/static/fonts/[\w.-]+\.ttf", page)))
    assert fonts
    for status, body in await fetch_page(*fonts):
        assert status == 200 and len(body) > 10_000 and body[:4] == b"\x00\x01\x00\x00"


async def test_chinese_is_drawn_with_a_local_font_stack():
    [(_, page)] = await fetch_page("/")
    assert '<html lang="zh-CN">' in page
    for font in ("Noto Sans Mono CJK SC", "Microsoft YaHei Mono", "SimHei"):
        assert f'local("{font}")' in page
    assert '"Noto Sans Mono CJK SC", "Microsoft YaHei Mono", "SimHei", monospace' in page


async def test_the_page_words_follow_the_language():
    [(_, chinese)] = await fetch_page("/")
    assert "重新连接" in chinese and "投影已断开。" in chinese and ">Restart<" not in chinese
    set_lang("en")
    [(_, english)] = await fetch_page("/")
    assert '<html lang="en">' in english and ">Restart<" in english
    assert "Session ended." in english
