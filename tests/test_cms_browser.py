"""The browser editor end to end: the intranet build's /admin/ in headless Chromium, against
Decap's local backend (decap-server, git mode) on a temporary copy of a content repository.

An editor fills the Chinese form; what the CMS writes (on the branch that becomes the merge
request) must pass `brandhall check` and build into a page showing what was typed. A form
with mistakes is refused in Chinese before anything is written. Nothing leaves this machine:
every request that is neither the served site nor the local backend fails the test.

BRANDHALL_CMS_SCREENSHOTS=DIR keeps the screenshots used by docs/contribute.md.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import FIXTURES, ROOT
from .sitetools import run_cli, serve

pytestmark = pytest.mark.browser

NODE_DIR = ROOT / "tests" / "cms"
DECAP_SERVER = NODE_DIR / "node_modules" / "decap-server" / "dist" / "index.js"
NAME = "蓝焰红心"
SLUG = "lanyan-hongxin"
SUMMARY = (
    "苏州市吴中区消防救援大队党委以“书记这个核心”为抓手，把党员先锋岗、先锋车、先锋哨建在执勤一线。"
)
CONNOTATION = (
    "“蓝焰红心”寓意消防救援队伍赴汤蹈火的蓝色火焰与对党忠诚的红心。"
    "品牌坚持书记抓、抓书记，把党建工作落到每一次出警、每一次执勤之中。"
)


def _git(repo: Path, *args: str) -> str:
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.org",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.org",
    )
    proc = subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, env=env, check=True
    )
    return proc.stdout


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _decap_server() -> Path:
    """decap-server from tests/cms/package-lock.json (`npm ci` on first use)."""
    if not DECAP_SERVER.is_file():
        npm = shutil.which("npm")
        if npm is None:
            message = "npm is not installed (scripts/system-deps.sh installs it)"
            if os.environ.get("CI"):
                pytest.fail(message)
            pytest.skip(message)
        subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"], cwd=NODE_DIR, check=True, timeout=600
        )
    return DECAP_SERVER


class Editor:
    """A content repository, its intranet build with /admin/, the local backend on it
    and one browser tab; requests anywhere else are recorded (and fail the test)."""

    def __init__(self, root: Path, browser: Any):
        self.repo = root / "repo"
        self.site = root / "site"
        self.shots = os.environ.get("BRANDHALL_CMS_SCREENSHOTS")
        self.port = _free_port()
        self.repo.mkdir()
        shutil.copytree(ROOT / "docs", self.repo / "docs")
        shutil.copytree(FIXTURES / "valid", self.repo / "brands" / "valid")
        config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        entry = "      brands_dir: brands\n"
        assert entry in config
        config = config.replace(
            entry,
            entry + "      cms:\n"
            f"        local_backend: http://127.0.0.1:{self.port}/api/v1\n"
            "        backend: {name: gitlab, repo: dangjian/brands, branch: main}\n",
        )
        (self.repo / "mkdocs.yml").write_text(config, encoding="utf-8")
        _git(self.repo, "init", "-q", "-b", "main")
        _git(self.repo, "add", "-A")
        _git(self.repo, "commit", "-qm", "start")
        self.build()
        env = dict(
            os.environ,
            PORT=str(self.port),
            BIND_HOST="127.0.0.1",
            MODE="git",
            GIT_REPO_DIRECTORY=str(self.repo),
            LOG_LEVEL="info",
        )
        self.log = (root / "decap-server.log").open("wb")
        self.server = subprocess.Popen(
            ["node", str(_decap_server())],
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "decap-server did not start"
                time.sleep(0.2)
        self.browser = browser
        self.blocked: list[str] = []
        self.errors: list[str] = []

    def build(self) -> None:
        proc = run_cli("build", "--site-dir", str(self.site), cwd=self.repo)
        assert proc.returncode == 0, proc.stdout + proc.stderr

    def close(self) -> None:
        self.server.terminate()
        self.server.wait(timeout=10)
        self.log.close()

    # -- the browser -----------------------------------------------------------------
    def open(self, base: str) -> Any:
        self.base = base
        self.context = self.browser.new_context(
            viewport={"width": 1280, "height": 900}, locale="zh-CN"
        )
        allowed = (base + "/", f"http://127.0.0.1:{self.port}/", "data:", "blob:")
        page = self.context.new_page()
        # Recorded, not intercepted: Playwright's interception delays the CMS's
        # cross-origin calls to the backend by a minute. (There is no network to reach.)
        page.on(
            "request",
            lambda request: (
                None if request.url.startswith(allowed) else self.blocked.append(request.url)
            ),
        )
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on(
            "console",
            lambda msg: self.errors.append(msg.text) if msg.type in ("error", "warning") else None,
        )
        page.goto(base + "/admin/")
        page.get_by_role("button", name="登录").click()
        page.get_by_text("典型案例").first.wait_for()
        self.page = page
        return page

    def reload(self) -> None:
        """The admin page again, with the configuration of the latest build."""
        self.page.goto(f"{self.base}/admin/?reloaded")  # a new document, not a new #route
        login = self.page.get_by_role("button", name="登录")
        collections = self.page.get_by_text("典型案例").first
        login.or_(collections).first.wait_for()
        if login.is_visible():
            login.click()
        collections.wait_for()

    def new_entry(self, collection: str) -> None:
        self.page.goto(f"{self.base}/admin/#/collections/{collection}/new")
        self.page.locator("label").first.wait_for()
        # The form is drawn again once the entries are listed (new ids): wait for that.
        ids = ""
        for _ in range(20):
            time.sleep(0.5)
            now = self.page.evaluate(
                "[...document.querySelectorAll('label')].map(l => l.htmlFor).join()"
            )
            if now == ids:
                break
            ids = now

    def field(self, label: str, index: int = -1) -> Any:
        """The input of the field labelled ``label`` (the last one by default: the item
        just added to a list)."""
        ids = self.page.evaluate(
            """(text) => [...document.querySelectorAll('label')]
                 .filter(l => l.textContent.replace(/\\s*\\(可选\\)\\s*$/, '').trim() === text)
                 .map(l => l.htmlFor)""",
            label,
        )
        assert ids, f"no field labelled {label}"
        return self.page.locator(f"[id='{ids[index]}']")

    def fill(self, label: str, value: str, index: int = -1) -> None:
        self.field(label, index).fill(value)

    def choose(self, label: str, value: str) -> None:
        box = self.field(label)
        box.focus()  # not a click: the form's first field may sit under the toolbar
        box.press_sequentially(value)
        self.page.keyboard.press("Enter")

    def expand(self, label: str) -> None:
        """Open a collapsed object field (品牌标识, 工作法 …) by its label."""
        self.page.locator(
            f"xpath=//button[@data-testid='expand-button' and normalize-space(..)='{label}']"
        ).click()

    def add(self, label: str) -> None:
        self.page.get_by_role("button", name=f"新增{label}").last.click()

    def save(self) -> None:
        self.page.get_by_role("button", name="保存", exact=True).click()

    def saved(self) -> None:
        """The CMS has the saved draft: the address is the entry's, not .../new."""
        try:
            self.page.wait_for_url("**/entries/**", timeout=90_000)
        except Exception:
            self.page.screenshot(
                path=os.environ.get("BRANDHALL_CMS_FAILSHOT", "/dev/null"), full_page=True
            )
            raise AssertionError(f"not saved: {self.errors}") from None

    def shot(self, name: str, *, full_page: bool = False) -> None:
        if self.shots:
            Path(self.shots).mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(Path(self.shots) / name), full_page=full_page)

    def branches(self) -> list[str]:
        return [b.strip(" *") for b in _git(self.repo, "branch", "--list", "cms/*").splitlines()]

    def wait_branch(self, name: str) -> None:
        deadline = time.monotonic() + 90
        while name not in self.branches():
            if time.monotonic() > deadline:
                self.page.screenshot(path=os.environ.get("BRANDHALL_CMS_FAILSHOT", "/dev/null"))
            assert time.monotonic() < deadline, f"no branch {name}: {self.branches()}"
            time.sleep(0.3)

    def merge(self, branch: str) -> None:
        """What the reviewer does: merge the merge request into main (the forge then
        deletes its branch)."""
        _git(self.repo, "merge", "-q", "--no-ff", "-m", f"merge {branch}", branch)
        _git(self.repo, "branch", "-q", "-d", branch)


@pytest.fixture
def editor(tmp_path: Path, browser: Any) -> Iterator[Editor]:
    ed = Editor(tmp_path, browser)
    try:
        yield ed
    finally:
        ed.close()


def fill_brand(ed: Editor, *, name: str | None = NAME) -> None:
    if name is not None:
        ed.fill("品牌名称", name)
    ed.fill("品牌口号", "红心向党，蓝焰为民")
    ed.fill("品牌简介", SUMMARY)
    ed.fill("创建单位", "苏州市吴中区消防救援大队党委")
    ed.choose("组织类型", "党委")
    ed.choose("行业领域", "消防救援")
    for place in ("江苏省", "苏州市", "吴中区"):
        ed.add("所在地区")
        ed.fill("所在地区", place)
    ed.fill("创建时间", "2021-05")
    ed.fill("品牌内涵", CONNOTATION)
    ed.add("主要做法")
    ed.fill("标题", "党员先锋岗")
    ed.fill("内容", "在每个执勤班组设立党员先锋岗，党员**亮身份、作表率**。")
    ed.add("工作成效")
    ed.fill("工作成效", "三年来辖区火灾起数下降 15%。")
    ed.add("经验启示")
    ed.fill("经验启示", "党建品牌要长在业务上。")
    ed.choose("品牌阶段", "命名")


CASES = (
    (
        "一次夜间救援中的党员先锋车",
        "yici-yejian-jiuyuan",
        "暴雨夜，党员先锋车第一时间出动，转移被困群众四十六人，无一伤亡。",
        "## 背景与起因\n\n那天夜里下着暴雨，**三个村**同时告急。\n\n## 做法与经过\n\n党员先锋车出动。",
    ),
    (
        "先锋哨里的一个春节",
        "",  # left empty: proposed from the pinyin of the title
        "春节期间党员主动顶岗，先锋哨全天候在岗，辖区平安过节。",
        "## 成效及启示\n\n群众送来了锦旗：*守护万家灯火*。",
    ),
)


def fill_case(ed: Editor, title: str, file: str, summary: str, body: str) -> None:
    ed.choose("所属品牌", NAME)
    if file:
        ed.fill("文件名（拼音）", file)
    ed.fill("案例标题", title)
    ed.fill("日期", "2024-08-16")
    ed.fill("摘要", summary)
    ed.fill("正文", body)


def test_a_brand_and_its_cases_made_in_the_form_pass_check_and_build(editor: Editor) -> None:
    ed = editor
    with serve(ed.site) as base:
        ed.open(base)
        ed.shot("cms-collections.png")
        ed.new_entry("brands")
        fill_brand(ed)
        ed.shot("cms-brand-form.png")
        # The logo: uploaded through the media library into the brand's images/.
        page = ed.page
        if not page.get_by_role("button", name="选择图片").count():
            ed.expand("品牌标识")
        page.get_by_role("button", name="选择图片").click()
        page.locator("input[type=file]").set_input_files(str(FIXTURES / "valid" / "logo.svg"))
        page.get_by_role("button", name="选用已选中项目").click()
        ed.save()
        branch = f"cms/brands/{SLUG}/brand"  # the folder name proposed from the pinyin
        ed.saved()
        ed.wait_branch(branch)
        ed.shot("cms-brand-saved.png")
        assert SLUG not in _git(ed.repo, "ls-tree", "--name-only", "main", "brands/")
        assert SLUG in _git(ed.repo, "ls-tree", "--name-only", branch, "brands/")
        uploaded = _git(ed.repo, "ls-tree", "-r", "--name-only", branch, f"brands/{SLUG}/")
        assert f"brands/{SLUG}/images/logo.svg" in uploaded.split(), uploaded
        brand_yml = _git(ed.repo, "show", f"{branch}:brands/{SLUG}/brand.yml")
        assert "file: images/logo.svg" in brand_yml, brand_yml
        ed.merge(branch)
        proc = run_cli("check", f"brands/{SLUG}", cwd=ed.repo)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert "0 个错误，0 个警告" in proc.stdout + proc.stderr

        # The site is rebuilt with the merged brand: the case form offers it.
        ed.build()
        ed.reload()
        files = []
        for title, file, summary, body in CASES:
            ed.new_entry("cases")
            fill_case(ed, title, file, summary, body)
            ed.save()
            ed.saved()
            # The second file name is proposed from the pinyin of the title.
            file = file or "xianfeng-shaoli-deyi-gechun-jie"
            branch = f"cms/cases/{SLUG}/cases/{file}"
            ed.wait_branch(branch)
            ed.merge(branch)
            files.append(file)
        listed = _git(ed.repo, "ls-tree", "--name-only", "main", f"brands/{SLUG}/cases/")
        assert sorted(listed.split()) == sorted(f"brands/{SLUG}/cases/{f}.md" for f in files)
        proc = run_cli("check", f"brands/{SLUG}", cwd=ed.repo)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert "0 个错误，0 个警告" in proc.stdout + proc.stderr

    assert ed.blocked == []
    ed.build()
    html = (ed.site / "brands" / SLUG / "index.html").read_text(encoding="utf-8")
    for typed in (
        NAME,
        "红心向党，蓝焰为民",
        "党员先锋岗",
        "<strong>亮身份、作表率</strong>",
        "吴中区",
        CASES[0][0],
        CASES[1][0],
    ):
        assert typed in html
    assert "logo.svg" in html  # the uploaded logo is the brand's logo
    first = (ed.site / "brands" / SLUG / "cases" / CASES[0][1] / "index.html").read_text(
        encoding="utf-8"
    )
    assert CASES[0][2] in first
    assert "<strong>三个村</strong>" in first
    second = [
        p.read_text(encoding="utf-8")
        for p in (ed.site / "brands" / SLUG / "cases").rglob("index.html")
        if CASES[0][1] not in str(p)
    ]
    assert len(second) == 1
    assert CASES[1][2] in second[0]
    assert "<em>守护万家灯火</em>" in second[0]


def test_a_form_with_mistakes_is_refused_in_chinese_and_nothing_is_written(
    editor: Editor,
) -> None:
    ed = editor
    with serve(ed.site) as base:
        page = ed.open(base)
        ed.new_entry("brands")
        fill_brand(ed, name=None)  # a required field left empty
        ed.fill("品牌简介", "简介" * 90)  # 180 characters: over the 160 of the model
        ed.choose("行业领域", "应急管理")  # not in the vocabulary: the select offers nothing
        ed.save()
        page.get_by_text("须为 20–160 个字").first.wait_for()
        form = page.inner_text("body")
        assert "必填" in form, form
        assert "应急管理" not in form  # the select kept nothing outside the vocabulary
        # For the picture: the empty name and the over-long summary with their messages.
        ed.field("品牌口号").evaluate("e => e.scrollIntoView({block: 'center'})")
        ed.shot("cms-refused.png")
        time.sleep(1)
    assert ed.branches() == []
    assert _git(ed.repo, "status", "--porcelain") == ""
    assert ed.blocked == []


HOSTILE = ROOT / "tests" / "hostile" / "markdown.yml"

# In any frame: every attribute through which a document could run something, every
# script that is not the page's own, and in the preview any element that loads or runs.
LIVE_MARKUP = """() => {
  const own = new Set(['brandhall-cms.js', 'js-yaml.min.js', 'decap-cms.js']);
  const out = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name) || /^\\s*javascript:/i.test(attr.value)) out.push(el.tagName + ' ' + attr.name);
    }
    const tag = el.tagName.toLowerCase();
    if (tag === 'script' && !own.has((el.getAttribute('src') || '').split('/').pop())) out.push('script');
    // What the preview shows of an editor's text: never an element that loads or runs.
    const elements = ['iframe', 'object', 'embed', 'base', 'form', 'svg', 'math', 'style', 'link', 'meta', 'video', 'details'];
    if (el.closest('.bh-preview') && elements.includes(tag)) out.push(tag);
  }
  return out;
}"""


def _corpus() -> list[str]:
    import yaml

    return [
        v["text"] for group in yaml.safe_load(HOSTILE.read_text("utf-8")) for v in group["vectors"]
    ]


def test_hostile_text_is_text_in_every_frame_of_the_editor(editor: Editor) -> None:
    """Everything of the attack corpus typed into a brand's Markdown and a case's body and
    summary: no frame of /admin/ gets an element or attribute that could run it (not even
    one the page's CSP would block: no CSP violation at all), no dialog, nothing fetched
    from elsewhere; the preview shows raw HTML as text, like the site."""
    vectors = _corpus()
    marker = '<img src="x" onerror="window.top.__pwned = 1; alert(1)">'
    ed = editor
    dialogs: list[str] = []
    csp: list[str] = []
    with serve(ed.site) as base:
        page = ed.open(base)
        # Decap asks (confirm) before leaving an unsaved entry: yes. Anything else counts.
        page.on(
            "dialog",
            lambda d: (
                d.accept() if d.type == "confirm" else (dialogs.append(d.message), d.dismiss())
            ),
        )
        page.on(
            "console",
            lambda m: csp.append(m.text) if "Content Security Policy" in m.text else None,
        )

        def live() -> list[str]:
            return [hit for frame in page.frames for hit in frame.evaluate(LIVE_MARKUP)]

        ed.new_entry("brands")
        fill_brand(ed, name=marker)
        ed.fill("品牌口号", "<script>window.top.__pwned = 1</script>口号")
        ed.fill("品牌内涵", "内涵开头\n\n" + "\n\n".join(vectors) + "\n\n" + marker)
        ed.fill("内容", "\n\n".join(vectors[::-1]))
        preview = page.frame_locator("#preview-pane")
        preview.get_by_text("内涵开头").wait_for()
        assert preview.locator(".bh-lead").inner_text() == SUMMARY
        assert preview.locator(".bh-slogan").inner_text().endswith("口号")
        # Raw HTML reads as text, as on the site.
        shown = preview.locator(".md-typeset").inner_text()
        assert shown.count(marker) == 2, shown  # the name and the end of the connotation
        time.sleep(2)  # time for anything that would load or run
        brand_hits = live()

        ed.new_entry("cases")
        ed.fill("案例标题", "案例" + marker)
        ed.fill("摘要", "摘要开头" + "\n".join(vectors[:20]) + marker)
        ed.fill("正文", "正文开头\n\n" + "\n\n".join(vectors) + "\n\n" + marker)
        preview.get_by_text("正文开头").wait_for()
        time.sleep(2)
        case_hits = live()
        pwned = page.evaluate("window.__pwned")
    assert brand_hits == [] and case_hits == [], (brand_hits, case_hits)
    assert dialogs == []
    assert pwned is None
    assert csp == [], csp
    assert ed.blocked == []


def _png(size: int) -> bytes:
    """A PNG header padded to ``size`` bytes (only its size and first bytes matter)."""
    head = b"\x89PNG\r\n\x1a\n" + b"\x00" * 24
    return head + b"\x00" * (size - len(head))


def test_pictures_check_would_refuse_are_refused_in_chinese_and_nothing_is_written(
    editor: Editor, tmp_path: Path
) -> None:
    ed = editor
    files = {
        "big-logo.png": _png(1024 * 1024 + 300_000),  # over the logo's 1 MB
        "logo.png": b"MZ\x90\x00" + b"\x00" * 2000,  # a program renamed
        "logo.gif": b"GIF89a" + b"\x00" * 100,  # a type check does not take
        "logo.jpg": _png(5000),  # a PNG called .jpg
    }
    expected = {
        "big-logo.png": ("图片太大（1.3 MB），上限 1 MB",),
        "logo.png": ("实际上不是图片", "EXE"),
        "logo.gif": ("类型不支持", ".svg .png .jpg .jpeg .webp"),
        "logo.jpg": ("扩展名改为 .png",),
    }
    with serve(ed.site) as base:
        page = ed.open(base)
        ed.new_entry("brands")
        fill_brand(ed)
        ed.expand("品牌标识")
        page.get_by_role("button", name="选择图片").click()
        for name, data in files.items():
            path = tmp_path / "upload" / name
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(data)
            page.locator("input[type=file]").set_input_files(str(path))
            alert = page.locator("#bh-upload-refused")
            alert.wait_for()
            said = alert.inner_text()
            assert f"“{name}”没有上传" in said, said
            for words in expected[name]:
                assert words in said, said
            if name == "big-logo.png":
                ed.shot("cms-upload-refused.png")
            alert.get_by_role("button", name="知道了").click()
        # The library holds nothing to choose; the brand saved without a logo.
        assert page.locator("img[src^='blob:']").count() == 0
        page.mouse.click(40, 880)  # outside the library: it closes
        page.get_by_role("button", name="选用已选中项目").wait_for(state="hidden")
        ed.save()
        ed.saved()
        branch = f"cms/brands/{SLUG}/brand"
        ed.wait_branch(branch)
        written = _git(ed.repo, "ls-tree", "-r", "--name-only", branch, f"brands/{SLUG}/")
        assert written.split() == [f"brands/{SLUG}/brand.yml"], written
    assert "logo" not in _git(ed.repo, "show", f"{branch}:brands/{SLUG}/brand.yml")
    assert ed.blocked == []


def test_the_preview_looks_like_the_site(editor: Editor) -> None:
    """A brand's optional blocks typed into the form are in the preview, in the site's
    markup and styled by the site's own stylesheets."""
    ed = editor
    with serve(ed.site) as base:
        page = ed.open(base)
        ed.new_entry("brands")
        fill_brand(ed)
        ed.expand("工作法")
        ed.fill("工作法名称", "“三亮三比”工作法")
        ed.add("工作法要点")
        ed.fill("标题", "亮身份", index=0)
        ed.fill("内容", "佩戴党员徽章上岗。", index=0)
        ed.add("量化指标")
        ed.fill("指标", "转移群众")
        ed.fill("数值", "46")
        ed.fill("单位", "人")
        ed.add("标签")
        ed.fill("标签", "应急救援")
        preview = page.frame_locator("#preview-pane")
        preview.locator(".bh-metric-value").wait_for()
        assert preview.locator(".bh-method-name").inner_text() == "“三亮三比”工作法"
        assert preview.locator("h2#method + .bh-method-name + h3").inner_text() == "亮身份"
        assert preview.locator(".bh-metric-value").inner_text().replace("\n", "") == "46人"
        assert preview.locator(".bh-metric figcaption").inner_text() == "转移群众"
        assert preview.locator(".bh-tags .bh-tag").inner_text() == "应急救援"
        style = preview.locator(".bh-metric-value").evaluate(
            "e => { const s = getComputedStyle(e); return [s.fontSize, s.fontWeight, s.color]; }"
        )
        # No logo yet: the monogram in one of the site's colours, as on the brand page.
        monogram = preview.locator(".bh-monogram").evaluate(
            "e => getComputedStyle(e).backgroundColor"
        )
        ed.shot("cms-preview.png")
        site = ed.context.new_page()
        site.goto(base + "/brands/valid/")
        slogan = site.locator(".bh-slogan").evaluate("e => getComputedStyle(e).color")
        site_font = site.locator(".md-typeset").first.evaluate("e => getComputedStyle(e).fontSize")
        preview_font = preview.locator(".md-typeset").evaluate("e => getComputedStyle(e).fontSize")
    # 1.4rem of brandhall.css on Material's 125 % root: 28px, bold, the site's red.
    assert style == ["28px", "700", slogan], (style, slogan)
    assert preview_font == site_font
    assert monogram not in ("rgba(0, 0, 0, 0)", "transparent"), monogram
    assert ed.blocked == []
