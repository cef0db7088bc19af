"""The document library's admin actions: safe names, validated uploads that are searchable at once, deletion."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from assistant.core import Assistant
from assistant.errors import InputError
from assistant.settings import Settings
from conftest import FIXTURES, FakeEmbedder
from ui.library import add_upload, delete_document, safe_name

SPROCKETS = ("# Rules on Sprocket Audits\n\nEnterprises shall audit their sprockets every 18 months. "
             "Audit reports shall be kept by the legal department.\n")


def build(root: Path, **kw) -> Assistant:
    """The mini corpus under root/corpus, indexed with the fake embedder; uploads go to root/corpus/uploads."""
    shutil.copytree(FIXTURES / "mini", root / "corpus" / "mini")
    settings = Settings.from_env(env={}, data_dir=root / "data", corpus_dir=root / "corpus", embedder="fake",
                                 abstain_threshold=0.2, max_upload_mb=1, **kw)
    assistant = Assistant(settings, embedder=FakeEmbedder())
    assert not assistant.ingest([settings.corpus_dir], progress=lambda m: None).failed
    return assistant


@pytest.fixture
def library(tmp_path) -> Assistant:
    return build(tmp_path / "lib")


@pytest.fixture(scope="module")
def shared_library(tmp_path_factory) -> Assistant:
    """For tests that must leave the library unchanged."""
    return build(tmp_path_factory.mktemp("shared"))


def incoming(tmp_path: Path, data: bytes | str, name: str = "upload.tmp") -> Path:
    """A file as the browser hands it over: in a temporary folder, under a temporary name."""
    folder = tmp_path / "incoming"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def docx_bytes(tmp_path: Path) -> bytes:
    import docx
    doc = docx.Document()
    doc.add_heading("Measures on Cog Inspections", 1)
    doc.add_paragraph("Cog inspections shall be carried out by certified inspectors every 90 days.")
    path = tmp_path / "made.docx"
    doc.save(path)
    return path.read_bytes()


def index_state(assistant: Assistant) -> set[str]:
    return set(assistant.store.manifest())


def stored_uploads(assistant: Assistant) -> list[Path]:
    folder = assistant.settings.uploads_dir
    return sorted(folder.iterdir()) if folder.exists() else []


# ---- safe_name ------------------------------------------------------------------------------

@pytest.mark.parametrize("name, expected", [
    ("../../etc/passwd", "passwd"),
    ("C:\\x\\y.pdf", "y.pdf"),
    ("..\\..\\windows\\win.ini", "win.ini"),
    ("/abs/path/report.md", "report.md"),
    (".hidden", "hidden"),
    ("知识产权管理规范（2013）.pdf", "知识产权管理规范(2013).pdf"),       # NFKC: full-width brackets
    ("国家知识产权局 通知.docx", "国家知识产权局 通知.docx"),
    ("ｒｅｐｏｒｔ．ｔｘｔ", "report.txt"),
])
def test_safe_name_strips_directories_and_keeps_chinese(name, expected):
    assert safe_name(name) == expected


@pytest.mark.parametrize("name", [
    "a\x00b\x1b[31m.txt",
    "line\nbreak\r.md",
    "rm -rf $(whoami);`id`|tee&>x.md",
    "<script>alert(1)</script>.html",
    "what's \"this\"*?.txt",
])
def test_safe_name_removes_control_and_shell_characters(name):
    out = safe_name(name)
    assert not any(ch in out for ch in "\x00\x1b\n\r$;`|&<>\"'*?/\\")
    assert not out.startswith(".") and out == out.strip()
    assert Path(out).suffix == Path(name).suffix


@pytest.mark.parametrize("name", ["", "..", "...", "/", "x/..", " . "])
def test_unusable_names_are_refused(name):
    with pytest.raises(InputError, match="not a usable file name"):
        safe_name(name)


def test_safe_name_keeps_the_extension_of_a_long_name():
    name = "关于" + "知识产权管理规范推行工作" * 12 + "的通知.pdf"
    out = safe_name(name)
    assert out.endswith(".pdf") and len(out) <= 120


# ---- good uploads ---------------------------------------------------------------------------

@pytest.mark.parametrize("name, question, fact", [
    ("sprocket rules.md", "How often must enterprises audit their sprockets?", "18 months"),
    ("链轮审计规则.txt", "How often must enterprises audit their sprockets?", "18 months"),
    ("cogs.docx", "How often shall cog inspections be carried out?", "90 days"),
])
def test_good_upload_is_stored_and_searchable_at_once(library, tmp_path, name, question, fact):
    assert library.ask(question).abstained              # not in the library before
    data = docx_bytes(tmp_path) if name.endswith(".docx") else SPROCKETS
    report = add_upload(library, incoming(tmp_path, data), name)
    assert len(report.added) == 1 and not report.failed
    stored = library.settings.uploads_dir / name
    assert stored_uploads(library) == [stored]
    answer = library.ask(question)                       # the same Assistant: no restart, no re-ingest
    assert not answer.abstained and fact in answer.answer
    cite = answer.citations[0]
    assert Path(cite.source).resolve() == stored.resolve()
    assert cite.doc_id in {d["doc_id"] for d in library.documents()}


def test_upload_with_a_path_trick_lands_in_uploads(library, tmp_path):
    add_upload(library, incoming(tmp_path, SPROCKETS), "../../../sprockets.md")
    assert stored_uploads(library) == [library.settings.uploads_dir / "sprockets.md"]
    assert not (tmp_path / "sprockets.md").exists()


def test_second_upload_with_the_same_name_does_not_overwrite(library, tmp_path):
    add_upload(library, incoming(tmp_path, SPROCKETS), "rules.md")
    other = "# Notes on Chain Oiling\n\nChains shall be oiled every week by the maintenance team.\n"
    add_upload(library, incoming(tmp_path, other, "b.tmp"), "rules.md")
    assert [p.name for p in stored_uploads(library)] == ["rules-2.md", "rules.md"]
    assert "18 months" in library.ask("How often must enterprises audit their sprockets?").answer
    assert "every week" in library.ask("How often shall chains be oiled?").answer


# ---- bad uploads ----------------------------------------------------------------------------

@pytest.mark.parametrize("name, data, message", [
    ("notes.txt", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n", "content is pdf, not text"),
    ("report.pdf", b"just some text, not a PDF", "content is text, not pdf"),
    ("empty.txt", b"", "empty"),
    ("blank.md", b"  \n\n\t ", "empty"),
    ("binary.md", b"\x00\x01\x02\x03" * 64, "content is binary"),
    ("tool.exe", b"MZ\x90\x00\x03", "unsupported type .exe"),
    ("no-extension", b"Enterprises shall audit sprockets.", "unsupported type (none)"),
    ("big.txt", b"widget sprocket " * 80_000, "the limit is 1 MB"),
])
def test_bad_upload_is_refused_and_changes_nothing(shared_library, tmp_path, name, data, message):
    before_index, before_docs = index_state(shared_library), shared_library.documents()
    with pytest.raises(InputError) as exc:
        add_upload(shared_library, incoming(tmp_path, data), name)
    assert message in str(exc.value) and name in str(exc.value)
    assert index_state(shared_library) == before_index
    assert shared_library.documents() == before_docs
    assert stored_uploads(shared_library) == []


# ---- deletion ---------------------------------------------------------------------------------

def test_delete_removes_an_upload_file_and_chunks(library, tmp_path):
    before = index_state(library)
    report = add_upload(library, incoming(tmp_path, SPROCKETS), "sprockets.md")
    doc_id = report.added[0]
    assert delete_document(library, doc_id) == "Rules on Sprocket Audits"
    assert stored_uploads(library) == []
    assert index_state(library) == before
    assert doc_id not in {d["doc_id"] for d in library.documents()}
    assert library.ask("How often must enterprises audit their sprockets?").abstained
    # and it stays deleted for the next process
    fresh = Assistant(library.settings, embedder=FakeEmbedder())
    assert doc_id not in {d["doc_id"] for d in fresh.documents()}


def test_delete_refuses_a_corpus_document(shared_library):
    before = index_state(shared_library)
    with pytest.raises(InputError) as exc:
        delete_document(shared_library, "guidelines-gadget-records")
    msg = str(exc.value)
    assert "Guidelines on Gadget Records" in msg and "corpus folder" in msg and "plain.md" in msg
    assert index_state(shared_library) == before
    assert (shared_library.settings.corpus_dir / "mini" / "plain.md").exists()


def test_delete_of_an_unknown_document_names_it(shared_library):
    with pytest.raises(InputError, match="no-such-doc"):
        delete_document(shared_library, "no-such-doc")


def test_deleted_document_is_gone_even_if_uploaded_twice(library, tmp_path):
    add_upload(library, incoming(tmp_path, SPROCKETS), "rules.md")
    try:
        add_upload(library, incoming(tmp_path, SPROCKETS), "rules.md")
    except InputError:
        pass                                            # refusing the duplicate would be fine too
    delete_document(library, "rules-sprocket-audits")
    assert library.ask("How often must enterprises audit their sprockets?").abstained
    assert stored_uploads(library) == []


def test_upload_of_a_corpus_document_is_refused_or_deletable(library, tmp_path):
    data = (FIXTURES / "mini" / "plain.md").read_bytes()
    try:
        add_upload(library, incoming(tmp_path, data), "plain.md")
    except InputError:
        return                                          # refusing the duplicate is fine
    texts = [h.text for h in library.retrieve("How long must enterprises keep gadget records?")]
    assert len(texts) == len(set(texts)), "the same passage is retrieved twice"
    delete_document(library, "guidelines-gadget-records")
    assert stored_uploads(library) == []


# ---- admin handlers -----------------------------------------------------------------------------

@pytest.fixture
def admin(tmp_path, monkeypatch):
    from ui.handlers import Handlers
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return Handlers(build(tmp_path / "lib", admin_password="s3cret pass"))


def test_login_needs_the_right_password(admin):
    import gradio as gr
    for wrong in ("wrong", "", None, "s3cret pass "):
        with pytest.raises(gr.Error, match="Wrong password"):
            admin.login(wrong)
    ok, panel, message = admin.login("s3cret pass")
    assert ok is True and panel["visible"] is True and "Logged in" in message


def test_login_when_administration_is_disabled(shared_library, tmp_path, monkeypatch):
    import gradio as gr
    from ui.handlers import Handlers
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with pytest.raises(gr.Error, match="disabled"):
        Handlers(shared_library).login("anything")


def test_upload_and_delete_need_admin(admin, tmp_path):
    import gradio as gr
    path = incoming(tmp_path, SPROCKETS, "sprockets.md")
    with pytest.raises(gr.Error, match="Log in as administrator"):
        admin.upload(str(path), False)
    with pytest.raises(gr.Error, match="Log in as administrator"):
        admin.delete("guidelines-gadget-records", False)
    assert stored_uploads(admin.assistant) == []


def test_admin_upload_then_delete_through_the_handlers(admin, tmp_path):
    import gradio as gr
    message, cleared = admin.upload(str(incoming(tmp_path, SPROCKETS, "sprockets.md")), True)
    assert "sprockets.md" in message and "searchable now" in message and cleared is None
    rows, _, collections, shown, uploads = admin.library_view(True)   # what the page shows after the upload
    assert "uploads" in collections["choices"] and collections["value"] == collections["choices"]
    assert any(r[0] == "rules-sprocket-audits" for r in rows)
    assert uploads["choices"] == [("Rules on Sprocket Audits", "rules-sprocket-audits")]
    with pytest.raises(gr.Error, match="content is pdf"):
        admin.upload(str(incoming(tmp_path, b"%PDF-1.4 x", "scan.txt")), True)
    with pytest.raises(gr.Error, match="corpus folder"):
        admin.delete("guidelines-gadget-records", True)
    message = admin.delete("rules-sprocket-audits", True)
    rows, _, _, _, uploads = admin.library_view(True)
    assert message == "Deleted Rules on Sprocket Audits."
    assert not any(r[0] == "rules-sprocket-audits" for r in rows) and uploads["choices"] == []


def test_unticking_a_collection_leaves_it_out_but_a_new_one_is_searched(admin, tmp_path):
    """The Collections boxes: what the page showed and the user unticked is left out; a collection
    uploaded after the page loaded (not shown yet) is still searched."""
    admin.upload(str(incoming(tmp_path, SPROCKETS, "sprockets.md")), True)
    _, _, _, shown, _ = admin.library_view(True)
    assert "uploads" in shown
    question = "How often shall enterprises audit their sprockets?"
    corpus = [c for c in shown if c != "uploads"]

    def cited(collections, shown):
        *_, final = admin.respond(question, [], [], [], [], collections, shown)
        return {c.source.split("/")[-2] for c in final[2][-1].citations}

    assert "uploads" not in cited(corpus, shown)        # unticked on this page: left out
    assert "uploads" in cited(corpus, corpus)           # the page predates the upload: searched
    assert "uploads" in cited(shown, shown)             # all ticked
