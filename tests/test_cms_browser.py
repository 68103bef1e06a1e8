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
            page.locator(
                "xpath=//button[@data-testid='expand-button' and normalize-space(..)='品牌标识']"
            ).click()
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


def test_hostile_text_does_nothing_in_the_preview(editor: Editor) -> None:
    """Everything of the attack corpus typed into the form: the preview shows it laid out
    like the site and runs none of it (no dialog, no script, nothing fetched elsewhere)."""
    import yaml

    vectors = [
        v["text"] for group in yaml.safe_load(HOSTILE.read_text("utf-8")) for v in group["vectors"]
    ]
    marker = '<img src="x" onerror="window.top.__pwned = 1; alert(1)">'
    ed = editor
    dialogs: list[str] = []
    with serve(ed.site) as base:
        page = ed.open(base)
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        failed: list[tuple[str, str | None]] = []
        page.on("requestfailed", lambda r: failed.append((r.url, r.failure)))
        ed.new_entry("brands")
        fill_brand(ed, name=marker)
        ed.fill("品牌口号", "<script>window.top.__pwned = 1</script>口号")
        ed.fill("品牌内涵", "内涵开头\n\n" + "\n\n".join(vectors) + "\n\n" + marker)
        ed.fill("内容", "\n\n".join(vectors[::-1]))
        preview = page.frame_locator("#preview-pane")
        preview.get_by_text("内涵开头").wait_for()
        assert preview.locator(".bh-lead").inner_text() == SUMMARY
        assert preview.locator(".bh-slogan").inner_text().endswith("口号")
        ed.shot("cms-preview.png")
        time.sleep(2)  # time for anything that would load or run
        pwned = page.evaluate("window.__pwned")
        frame_scripts = preview.locator("script, [onerror], [onclick], iframe").count()
    assert dialogs == []
    assert pwned is None
    assert frame_scripts == 0
    # Typed off-origin addresses are asked for, and refused by the page's CSP before
    # anything leaves the browser (Chromium says "csp"; a DNS failure would mean it went out).
    refused = {url for url, why in failed if why == "csp"}
    assert ed.blocked, "the corpus has off-origin images: the test would see them"
    assert set(ed.blocked) <= refused, (ed.blocked, failed)
