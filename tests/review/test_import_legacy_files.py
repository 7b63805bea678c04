"""Reports attached as legacy Word / WPS files, saved as single-file web pages (.mht), or served under
a .doc / .xls name while holding a web page or a .docx: read by what they hold, never by their name."""

from __future__ import annotations

import stat
import time
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from report_copilot.cli import app
from report_copilot.errors import InputError
from report_copilot.inputs.published import import_published
from report_copilot.inputs.published.legacy_files import sniffed_kind
from report_copilot.service.importing import is_published
from report_copilot.soffice import find_soffice
from tests.review.published import published_docx, published_html
from tests.review.test_import import assert_same_figures

runner = CliRunner()
needs_soffice = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")


@pytest.fixture
def data(example_2021: dict[str, Any]) -> dict[str, Any]:
    example_2021.pop("previous")
    return example_2021


@pytest.mark.parametrize("name", ["report.doc", "report.xls", "report.wps", "报告.DOC"])
def test_a_web_page_under_an_office_name_is_read_as_the_page(
    data: dict[str, Any], tmp_path: Path, name: str
) -> None:
    """Content systems serve the report's page as a .doc or .xls download (Word and Excel open it)."""
    path = tmp_path / name
    path.write_text(published_html(data), encoding="utf-8")
    imported = import_published(path)
    assert imported.source_kind == "html"
    assert imported.complete, [i.message for i in imported.issues]
    assert_same_figures(imported.data, data)


def test_a_docx_saved_under_the_old_name_is_read_as_docx(data: dict[str, Any], tmp_path: Path) -> None:
    published_docx(data, tmp_path / "real.docx")
    path = tmp_path / "report.doc"
    path.write_bytes((tmp_path / "real.docx").read_bytes())
    imported = import_published(path)
    assert imported.source_kind == "docx"
    assert_same_figures(imported.data, data)


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_a_single_file_web_page_is_read_from_its_html_part(
    data: dict[str, Any], tmp_path: Path, encoding: str
) -> None:
    """Internet Explorer / Edge "web page, single file": MIME, the page quoted-printable, images aside."""
    html = published_html(data)
    if encoding != "utf-8":  # the part's charset is the truth, whatever the page's meta tag says
        html = html.replace("charset='utf-8'", "charset='gb2312'")
    message = EmailMessage()
    message["From"] = "<Saved by Windows Internet Explorer 8>"
    message["Subject"] = "年度报告"
    message.make_related()
    message.add_related(html.encode(encoding), "text", "html", cte="quoted-printable")
    message.get_payload()[0].set_param("charset", encoding)
    message.add_related(b"\x89PNG\r\n", "image", "png", cte="base64")
    path = tmp_path / "report.mht"
    path.write_bytes(bytes(message))
    assert sniffed_kind(path.read_bytes()[:4096]) == "mime"
    imported = import_published(path)
    assert imported.complete, [i.message for i in imported.issues]
    assert_same_figures(imported.data, data)


@needs_soffice
def test_a_binary_word_file_is_converted_and_read(data: dict[str, Any], tmp_path: Path) -> None:
    """A real .doc (Word 97 binary), made by LibreOffice from the report's Word file."""
    from report_copilot.soffice import convert

    published_docx(data, tmp_path / "report.docx")
    done = convert(find_soffice() or "", tmp_path / "report.docx", tmp_path / "doc", "doc:MS Word 97")
    assert done.output is not None, done.detail
    assert sniffed_kind(done.output.read_bytes()[:8]) == "ole"
    before = done.output.read_bytes()
    imported = import_published(done.output)
    assert imported.source_kind == "docx"
    assert_same_figures(imported.data, data)
    assert done.output.read_bytes() == before  # the user's file is never touched
    assert sorted(p.name for p in done.output.parent.iterdir()) == ["report.doc"]  # nothing left beside it


def _ole_file(path: Path) -> Path:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    return path


def test_without_libreoffice_a_binary_word_file_is_refused_with_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("report_copilot.inputs.published.legacy_files.find_soffice", lambda: None)
    path = _ole_file(tmp_path / "2024年报.doc")
    result = runner.invoke(app, ["import", str(path), "-o", str(tmp_path / "out.json")])
    assert result.exit_code == 2
    assert "2024年报.doc" in result.output and "另存为" in result.output and "LibreOffice" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out.json").exists()


def test_a_binary_excel_file_is_refused_with_what_to_do(tmp_path: Path) -> None:
    path = _ole_file(tmp_path / "统计表.xls")
    with pytest.raises(InputError, match=r"统计表\.xls.*另存为.*\.xlsx"):
        import_published(path)


def test_bytes_of_no_known_kind_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "report.doc"
    path.write_bytes(b"\x00\x01 not a document at all")
    with pytest.raises(InputError, match=r"report\.doc.*不是可识别的"):
        import_published(path)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="a shell script stands in for LibreOffice")
def test_a_stalled_conversion_is_ended_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A conversion that hangs (a dialog nobody sees, a damaged file) is killed with its children."""
    marker, finished = tmp_path / "child.pid", tmp_path / "finished"
    fake = tmp_path / "soffice"
    fake.write_text(f"#!/bin/sh\nsleep 60 &\necho $! > {marker}\nwait\ntouch {finished}\n", encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr("report_copilot.inputs.published.legacy_files.find_soffice", lambda: str(fake))
    monkeypatch.setattr("report_copilot.inputs.published.legacy_files.CONVERT_SECONDS", 1.0)
    path = _ole_file(tmp_path / "report.wps")
    with pytest.raises(InputError, match=r"report\.wps.*超过 1 秒"):
        import_published(path)
    assert not finished.exists()  # ended, not waited for
    child = int(marker.read_text())
    for _ in range(100):  # SIGKILL is delivered asynchronously
        if not _running(child):
            break
        time.sleep(0.05)
    assert not _running(child)  # the conversion's own child is gone too


def _running(pid: int) -> bool:
    """Alive and not a zombie (an orphan killed but not yet reaped by the container's init)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def test_a_failed_conversion_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\necho 'Error: source file could not be loaded'\nexit 1\n", encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr("report_copilot.inputs.published.legacy_files.find_soffice", lambda: str(fake))
    path = _ole_file(tmp_path / "report.doc")
    with pytest.raises(InputError, match=r"report\.doc.*could not be loaded.*另存为"):
        import_published(path)


@pytest.mark.parametrize("name", ["a.doc", "a.wps", "a.mht", "a.xls", "a.DOC"])
def test_folder_mode_takes_the_legacy_files(name: str) -> None:
    assert is_published(Path(name))


def test_a_damaged_container_under_an_old_name_is_told_by_the_users_file_name(tmp_path: Path) -> None:
    """The working copy read in a temporary folder is never the name a message gives."""
    import zipfile

    path = tmp_path / "2024年报.doc"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "not a Word document")
    result = runner.invoke(app, ["import", str(path), "-o", str(tmp_path / "out.json")])
    assert result.exit_code == 2
    assert str(path) in result.output and "copilot-zip-" not in result.output
    assert "Traceback" not in result.output
