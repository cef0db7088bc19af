"""The Gradio web app: chat with linked citations, a sources panel, filters, export, feedback, library."""
from __future__ import annotations

import gradio as gr

from assistant.core import Assistant
from ui.handlers import LIBRARY_HEADERS, Handlers
from ui.render import sources_html

# First-load examples, one or two for each kind of user.
EXAMPLES = [
    ["By what date must provincial IP offices submit their work plans?"],         # IP-office staff
    ["发明专利权的期限是多久？"],                                                      # enterprise staff, Chinese
    ["What are the three stages of implementing the national standard?"],         # enterprise staff
    ["Who should be trained to implement the national standard?"],                # enterprise staff
    ["What should service agencies do to help enterprises implement the standard?"],  # consultants
    ["How many patent examiners should there be by 2015?"],                      # IP-office staff
]
EXAMPLE_LABELS = ["IP office · deadline for work plans", "企业 · 发明专利权的期限", "Enterprise · the three stages",
                  "Enterprise · who gets trained", "Consultant · role of service agencies",
                  "IP office · 2015 examiner target"]

CSS = """
#sources { max-height: 560px; overflow-y: auto !important; }
.source { border: 1px solid #d9dee7; border-radius: 8px; padding: 10px 12px; margin-bottom: 10px; background: #fff; }
.source-head { font-size: 0.95em; } .source-n { color: #2257c5; font-weight: 700; }
.source-meta, .source-file { color: #5a6270; font-size: 0.82em; margin-top: 2px; }
.source-section { color: #2f3b52; font-size: 0.85em; margin: 4px 0; font-style: italic; }
.source-text { font-size: 0.88em; line-height: 1.45; }
.source mark, .doc-target { background: #fff1a8; }
.earlier { margin: 6px 0; } .earlier > summary { cursor: pointer; color: #374151; padding: 4px 0; }
.earlier .source { scroll-margin-top: 56px; }   /* a link to an earlier card keeps its question in view */
.sources-empty { color: #5a6270; font-style: italic; padding: 8px; }
#doc-view { max-height: 480px; overflow-y: auto !important; }
.doc-section { font-weight: 600; margin-top: 10px; color: #2f3b52; }
.doc-passage { font-size: 0.88em; line-height: 1.45; margin: 4px 0 8px; }
a.cite { font-weight: 700; text-decoration: none; }
.answer-meta { margin-top: 6px; font-size: 0.85em; color: #5a6270; }
.mode-badge { display: inline-block; padding: 0 8px; border-radius: 10px; border: 1px solid #d9dee7;
              background: #eef1f6; color: #2f3b52; font-size: 0.9em; margin-right: 4px; }
.mode-generative { background: #e6f4ea; border-color: #b7dfc3; color: #1d6b3a; }
.mode-extractive-fallback { background: #fff4e0; border-color: #f0d49c; color: #8a5a00; }
.draft { color: #6b7280; } .draft-head { color: #8a5a00; font-weight: 600; }
"""

MODE_CHOICES = [("Extractive (offline)", "extractive"), ("Generative (LLM)", "generative")]

_SCROLL = "() => { const t = document.getElementById('doc-target'); if (t) t.scrollIntoView({block: 'center'}); }"


def build_ui(assistant: Assistant) -> gr.Blocks:
    """Build the Blocks app around one shared Assistant."""
    h = Handlers(assistant)
    admin_enabled = bool(assistant.settings.admin_password)
    with gr.Blocks(title="standards-assistant", analytics_enabled=False) as demo:
        answers, asked, is_admin = gr.State([]), gr.State([]), gr.State(False)
        shown = gr.State(h.collections())          # the collections this page offers as checkboxes
        gr.Markdown("## standards-assistant\nCited answers on Chinese IP-management policy and standards "
                    "(GB/T 29490-2013, SIPO circulars). Every claim links to its source passage.")
        with gr.Tabs():
            with gr.Tab("Ask", id="ask"):
                with gr.Row():
                    with gr.Column(scale=3):
                        chat = gr.Chatbot(label="Conversation", show_label=False, height=460, elem_id="chat",
                                          feedback_options=("Like", "Dislike"), buttons=["copy", "copy_all"],
                                          placeholder="Ask about deadlines, targets, tasks and requirements. "
                                                      "Follow-up questions are understood in context.")
                        with gr.Row():
                            box = gr.Textbox(show_label=False, placeholder="Ask a question…", scale=6,
                                             elem_id="question", lines=1, max_lines=4)
                            send = gr.Button("Ask", variant="primary", scale=1, elem_id="ask-btn")
                        with gr.Row():
                            collections = gr.CheckboxGroup(choices=h.collections(), value=h.collections(),
                                                           label="Collections", elem_id="collections", scale=1)
                            # Shown even without an LLM: choosing it then says how to configure it.
                            mode = gr.Radio(choices=MODE_CHOICES, value=assistant.settings.mode, scale=2,
                                            label="Answer mode", elem_id="mode",
                                            info="Generated sentences are checked against their sources."
                                            if assistant.generative_available else
                                            "Generative needs an LLM endpoint; none is configured.")
                            docs_filter = gr.Dropdown(choices=h.doc_choices(), multiselect=True, value=[], scale=2,
                                                      label="Only these documents (optional)", elem_id="doc-filter")
                        gr.Examples(examples=EXAMPLES, inputs=box, example_labels=EXAMPLE_LABELS,
                                    label="Examples for enterprise staff, consultants and IP offices")
                        with gr.Row():
                            dl_answer = gr.DownloadButton("Export last answer (.md)", value=None,
                                                          elem_id="export-answer", size="sm")
                            dl_conv = gr.DownloadButton("Export conversation (.md)", value=None,
                                                        elem_id="export-conversation", size="sm")
                            new = gr.Button("New conversation", size="sm", elem_id="new-conversation")
                        with gr.Row():
                            comment = gr.Textbox(label="Comment on the last answer (optional)", scale=4,
                                                 elem_id="comment")
                            send_comment = gr.Button("Send comment", scale=1, elem_id="send-comment")
                        feedback_msg = gr.Markdown(elem_id="feedback-msg")
                    with gr.Column(scale=2):
                        gr.Markdown("### Sources")
                        sources = gr.HTML(sources_html(None, 0), elem_id="sources")
                        view_pick = gr.Dropdown(choices=[], label="View a cited document in full",
                                                elem_id="view-pick")
                        doc_view = gr.HTML(elem_id="doc-view")
            with gr.Tab("Library", id="library"):
                table = gr.Dataframe(value=h.library_rows(), headers=LIBRARY_HEADERS, interactive=False,
                                     elem_id="library-table", wrap=True)
                if admin_enabled:
                    gr.Markdown("### Administration")
                    with gr.Row():
                        password = gr.Textbox(type="password", label="Admin password", elem_id="admin-password",
                                              scale=3)
                        login = gr.Button("Log in", elem_id="admin-login", scale=1)
                    admin_msg = gr.Markdown(elem_id="admin-msg")
                    with gr.Group(visible=False) as admin_box:
                        upload = gr.File(label="Add a document (PDF, DOCX, TXT, MD, HTML; "
                                               f"up to {assistant.settings.max_upload_mb} MB)",
                                         file_types=[".pdf", ".docx", ".txt", ".md", ".html", ".htm"],
                                         type="filepath", elem_id="upload")
                        upload_btn = gr.Button("Add to library", variant="primary", elem_id="upload-btn")
                        with gr.Row():
                            delete_pick = gr.Dropdown(choices=h.upload_choices(), label="Uploaded document",
                                                      elem_id="delete-pick", scale=3)
                            delete_btn = gr.Button("Delete", variant="stop", elem_id="delete-btn", scale=1)
                else:
                    gr.Markdown("Uploading and deleting documents is disabled. Set `ASSISTANT_ADMIN_PASSWORD` "
                                "and restart to enable administration.")

        outputs = [chat, box, answers, asked, sources, view_pick, dl_answer, dl_conv]
        for trigger in (send.click, box.submit):
            # The mode is checked in an event of its own, with no outputs: a refusal is a message only,
            # not an "Error" painted over the conversation.
            trigger(h.check_mode, mode, None, show_progress="hidden").success(
                h.respond, [box, chat, answers, asked, docs_filter, collections, shown, mode], outputs)
        view_pick.change(h.view_document, [view_pick, answers], doc_view).then(fn=None, js=_SCROLL)
        chat.like(h.like, [answers, asked], feedback_msg)
        send_comment.click(h.comment, [comment, answers, asked], [feedback_msg, comment])
        reset = (lambda: ([], [], [], sources_html(None, 0), gr.update(choices=[], value=None), "", None, None),
                 None, [chat, answers, asked, sources, view_pick, doc_view, dl_answer, dl_conv])
        new.click(*reset)
        chat.clear(*reset)            # the chat's own trash button forgets the conversation too
        # Each page load shows the library as it is now (uploads since start-up included).
        library_outputs = [table, docs_filter, collections, shown] + ([delete_pick] if admin_enabled else [])
        demo.load(lambda: h.library_view(admin_enabled), None, library_outputs)
        if admin_enabled:
            login.click(h.login, [password], [is_admin, admin_box, admin_msg])
            # An error is shown in the message only; the other views refresh after a success.
            upload_btn.click(h.upload, [upload, is_admin], [admin_msg, upload]).success(
                lambda: h.library_view(True), None, library_outputs)
            delete_btn.click(h.delete, [delete_pick, is_admin], admin_msg).success(
                lambda: h.library_view(True), None, library_outputs)
    # Several people at once: events run side by side (the default would queue them one by one).
    demo.queue(default_concurrency_limit=16)
    return demo
