"""The standards-assistant command line: ingest, ask, retrieve, docs, chat, eval."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.errors import AssistantError, InputError
from assistant.settings import MODES, Settings
from assistant.types import Answer


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="standards-assistant",
                                description="Cited answers over IP-management policy and standards.")
    p.add_argument("--data-dir", type=Path, help="index location (ASSISTANT_DATA_DIR, default .data)")
    p.add_argument("--chroma-url", help="use a Chroma server (ASSISTANT_CHROMA_URL)")
    sub = p.add_subparsers(dest="command", required=True)
    ing = sub.add_parser("ingest", help="index files and folders (default: corpus/)")
    ing.add_argument("paths", nargs="*", type=Path)
    ask = sub.add_parser("ask", help="answer a question with citations")
    ask.add_argument("question", nargs="?")
    ask.add_argument("--batch", type=Path, help="JSONL file of {id, question} objects")
    for sp in (ask, sub.add_parser("retrieve", help="show the passages a question retrieves")):
        sp.add_argument("--json", action="store_true", help="machine-readable output")
        sp.add_argument("--k", type=int, help="number of passages (default 5)")
        sp.add_argument("--doc", action="append", dest="docs", metavar="ID", help="only this document (repeatable)")
        sp.add_argument("--collection", action="append", dest="collections", metavar="NAME",
                        help="only this collection, e.g. sipo-2013 or zh-ip (repeatable)")
    sub.choices["retrieve"].add_argument("question")
    sub.add_parser("docs", help="list indexed documents").add_argument("--json", action="store_true")
    chat = sub.add_parser("chat", help="interactive terminal chat")
    for sp in (ask, chat):
        sp.add_argument("--mode", choices=MODES, help="extractive (default, offline) or generative (needs "
                                                      "ASSISTANT_LLM_BASE_URL and ASSISTANT_LLM_MODEL)")
    fb = sub.add_parser("feedback", help="feedback given in the web app")
    fb.add_argument("action", choices=["export"])
    fb.add_argument("--out", type=Path, help="JSONL file (default: standard output)")
    srv = sub.add_parser("serve", help="start the web app and JSON API")
    srv.add_argument("--host", default="127.0.0.1")
    srv.add_argument("--port", type=int, default=7860)
    ev = sub.add_parser("eval", help="run the evaluation suite against the baseline")
    ev.add_argument("--data", type=Path, action="append", help="Q&A JSONL (default: evals/data/*.jsonl)")
    ev.add_argument("--no-baseline", action="store_true")
    ev.add_argument("--out", type=Path, default=Path("evals/results"))
    ev.add_argument("--mode", choices=MODES, default="extractive",
                    help="generative: score the configured LLM (citation recall/precision, fallback rate)")
    ev.add_argument("--local-llm", action="store_true",
                    help="with --mode generative: start the packaged SmolLM2 server on 127.0.0.1 for the run")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env(data_dir=args.data_dir, chroma_url=args.chroma_url)
        return _COMMANDS[args.command](args, settings)
    except AssistantError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _assistant(settings: Settings):
    from assistant.core import Assistant
    return Assistant(settings)


def _ingest(args, settings: Settings) -> int:
    report = _assistant(settings).ingest(args.paths or [settings.corpus_dir])
    for path, reason in report.failed:
        print(f"failed: {path}: {reason}", file=sys.stderr)
    for d in report.duplicates:
        print(f"duplicate: {d.title} ({d.source}) is already stored as {d.duplicate_of}", file=sys.stderr)
    print(report.summary())
    return 1 if report.failed and not report.chunks_total else 0


def _ask(args, settings: Settings) -> int:
    assistant = _assistant(settings)
    if args.batch:
        for n, line in enumerate(_read_lines(args.batch), 1):
            try:
                item = json.loads(line)
                question = item["question"]
            except (json.JSONDecodeError, KeyError, TypeError):
                raise InputError(f"{args.batch}:{n}: expected a JSON object with a \"question\" field") from None
            answer = assistant.ask(question, args.k, args.docs, id=item.get("id"), collections=args.collections,
                                   mode=args.mode)
            print(json.dumps(answer.to_json(), ensure_ascii=False) if args.json else render(answer), flush=True)
        return 0
    if args.question is None:
        raise InputError("question: missing (or use --batch FILE.jsonl)")
    answer = assistant.ask(args.question, args.k, args.docs, collections=args.collections, mode=args.mode)
    print(json.dumps(answer.to_json(), ensure_ascii=False, indent=2) if args.json else render(answer))
    return 0


def _read_lines(path: Path) -> list[str]:
    try:
        return [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read ({exc})") from None


def _retrieve(args, settings: Settings) -> int:
    hits = _assistant(settings).retrieve(args.question, args.k, args.docs, args.collections)
    if args.json:
        print(json.dumps([{"chunk_id": h.chunk_id, "doc_id": h.doc_id, "section": h.section, "text": h.text,
                           "score": round(h.score, 6)} for h in hits], ensure_ascii=False, indent=2))
    for i, h in enumerate(hits if not args.json else [], 1):
        print(f"{i}. [{h.score:.4f}] {h.title} › {h.section}" + (f" (p. {h.page})" if h.page else ""))
        print("   " + h.text.replace("\n", " ")[:300] + "\n")
    return 0


def _docs(args, settings: Settings) -> int:
    docs = _assistant(settings).documents()
    if args.json:
        print(json.dumps(docs, ensure_ascii=False, indent=2))
        return 0
    for d in docs:
        tags = (" (excerpt)" if d["excerpt"] else "") + (f" ({d['status']})" if d.get("status") else "")
        print(f"{d['doc_id']}{tags}\n  {d['title']}\n  {d['doc_number'] or '-'} · {d['date'] or 'undated'} · "
              f"{d['chunks']} chunks · {d['source']}")
    return 0


def _chat(args, settings: Settings) -> int:
    assistant = _assistant(settings)
    print("Loading the model and index…", file=sys.stderr)
    assistant.warm()
    if args.mode == "generative":
        assistant.generator         # not configured: say so now, not after the first question
    print("Ask about the indexed documents (empty line or Ctrl-D to quit).")
    asked: list[str] = []
    while True:
        try:
            question = input("\n? ").strip()
        except EOFError:
            return 0
        if not question or question.lower() in {"exit", "quit", ":q"}:
            return 0
        try:
            answer = None
            for answer in assistant.ask_stream(question, mode=args.mode, history=asked):
                if isinstance(answer, str):     # the model's draft, unverified: show progress only
                    print(f"\r(writing… {len(answer)} characters)", end="", file=sys.stderr, flush=True)
            print("\r" + " " * 40 + "\r", end="", file=sys.stderr)
            print(render(answer))
            asked.append(question)
        except AssistantError as exc:
            print(f"error: {exc}")


def _eval(args, settings: Settings) -> int:
    from evals.run import run_eval
    if args.mode == "generative":
        from evals.generative import run_generative_eval
        if not args.local_llm:
            return run_generative_eval(settings, args.data, out_dir=args.out)
        from dataclasses import replace
        from evals.local_llm import MODEL_NAME, serve
        with serve() as base:
            return run_generative_eval(replace(settings, llm_base_url=base, llm_model=MODEL_NAME), args.data,
                                       out_dir=args.out)
    return run_eval(settings, args.data, baseline=not args.no_baseline, out_dir=args.out)


def _feedback(args, settings: Settings) -> int:
    from assistant.feedback import FeedbackStore
    items = FeedbackStore(settings.data_dir / "feedback.sqlite").export()
    lines = "".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items)
    if args.out:
        args.out.write_text(lines, encoding="utf-8")
        print(f"{len(items)} feedback items written to {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(lines)
    return 0


def _serve(args, settings: Settings) -> int:
    from ui.server import serve
    serve(settings, host=args.host, port=args.port)
    return 0


def render(answer: Answer) -> str:
    """Human-readable answer with its numbered sources."""
    lines = [answer.answer] + ([f"({answer.note})"] if answer.note else [])
    if answer.citations:
        lines.append("\nSources:")
    for c in answer.citations:
        meta = " · ".join(x for x in (c.doc_number, c.date, f"p. {c.page}" if c.page else None) if x)
        lines.append(f"[{c.n}] {c.title}" + (f" ({meta})" if meta else "")
                     + (f" [superseded by {c.superseded_by}]" if c.superseded_by else ""))
        lines.append(f"    § {c.section or '(no section)'} — {c.source}")
        lines.append(f"    “{c.quote}”")
    return "\n".join(lines)


_COMMANDS = {"ingest": _ingest, "ask": _ask, "retrieve": _retrieve, "docs": _docs, "chat": _chat,
             "eval": _eval, "feedback": _feedback, "serve": _serve}

if __name__ == "__main__":
    sys.exit(main())
