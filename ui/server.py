"""One server: the Gradio app at / and a small JSON API under /api (OpenAPI at /api/reference)."""
from __future__ import annotations

import os

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from assistant.core import Assistant
from assistant.errors import AssistantError, InputError, NoIndexError
from assistant.settings import Settings


class AskRequest(BaseModel):
    """POST /api/ask: the same answer JSON as `standards-assistant ask --json`."""
    model_config = ConfigDict(extra="ignore")
    question: str = Field(description="The question, in plain text")
    id: str | None = Field(default=None, description="Echoed back in the answer")
    k: int | None = Field(default=None, ge=1, le=20, description="Passages to use (default 5)")
    doc_ids: list[str] | None = Field(default=None, description="Only these documents (ids from /api/docs)")
    collections: list[str] | None = Field(default=None, description="Only these collections, e.g. ['zh-ip']")
    history: list[Annotated[str, StringConstraints(max_length=2000)]] = Field(
        default_factory=list, max_length=20, description="Earlier questions of this conversation, oldest first")
    mode: Literal["extractive", "generative"] | None = Field(
        default=None, description="extractive (quotes only, offline) or generative (an LLM writes, every "
                                  "sentence is verified against its sources); default: the server setting")


def create_app(settings: Settings, assistant: Assistant | None = None, with_ui: bool = True) -> FastAPI:
    """The FastAPI application; the Assistant is created (and warmed) once, here."""
    assistant = assistant or Assistant(settings)
    app = FastAPI(title="standards-assistant API", version="0.1.0", docs_url="/api/reference",
                  redoc_url=None, openapi_url="/api/openapi.json")

    @app.exception_handler(NoIndexError)
    async def no_index(request: Request, exc: NoIndexError):
        return JSONResponse(status_code=503, content={"error": str(exc)})

    # NotConfiguredError (generative mode without an LLM) is an AssistantError: a 400 with its message.
    @app.exception_handler(AssistantError)
    async def bad_input(request: Request, exc: AssistantError):
        return JSONResponse(status_code=400, content={"error": str(exc)})

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        if first.get("type") == "json_invalid":
            return JSONResponse(status_code=422, content={"error": "body: not valid JSON"})
        where = ".".join(str(p) for p in first.get("loc", []) if p != "body" and not isinstance(p, int)) or "body"
        return JSONResponse(status_code=422, content={"error": f"{where}: {first.get('msg', 'invalid request')}"})

    @app.post("/api/ask", summary="Answer a question with citations")
    def ask(request: AskRequest) -> dict:
        if not request.question.strip():
            raise InputError("question: empty; ask something about the indexed documents")
        # The core makes a follow-up stand-alone from the history (the LLM rewrites it in generative mode).
        answer = assistant.ask(request.question, request.k, request.doc_ids, id=request.id,
                               collections=request.collections, mode=request.mode, history=request.history)
        data = answer.to_json()
        data["question"] = request.question
        return data

    @app.get("/api/docs", summary="Indexed documents with metadata and chunk counts")
    def docs() -> list[dict]:
        return assistant.documents(missing_ok=True)

    @app.get("/api/health", summary="Liveness and index size")
    def health() -> dict:
        docs = assistant.documents(missing_ok=True)
        return {"status": "ok", "documents": len(docs), "chunks": sum(d["chunks"] for d in docs),
                "embedder": assistant.embedder.name,
                "english_lane": assistant.lane.embedder.name if assistant.lane else None,
                "generative": assistant.generative_available}

    if with_ui:
        import gradio as gr
        from ui.web import CSS, build_ui
        app = gr.mount_gradio_app(app, build_ui(assistant), path="/", ssr_mode=False, css=CSS,
                                  footer_links=["api"], theme=gr.themes.Soft())
    return app


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 7860) -> None:
    """Load the model and index once, then serve until interrupted."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    import uvicorn
    assistant = Assistant(settings)
    try:
        assistant.warm()
    except NoIndexError as exc:   # the admin may still upload documents into an empty library
        print(f"warning: {exc}", flush=True)
    app = create_app(settings, assistant)
    print(f"standards-assistant: http://{host}:{port}/  (API reference: http://{host}:{port}/api/reference)",
          flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
