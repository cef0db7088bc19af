"""The chat model behind generative mode: any OpenAI-compatible endpoint (the only langchain_openai import)."""
from __future__ import annotations

import os

from langchain_core.language_models import BaseChatModel

from assistant.errors import NotConfiguredError
from assistant.settings import Settings

NOT_CONFIGURED = ("generative mode is not configured: set ASSISTANT_LLM_BASE_URL (an OpenAI-compatible "
                  "endpoint, e.g. http://127.0.0.1:8080/v1) and ASSISTANT_LLM_MODEL")


def configured(settings: Settings) -> bool:
    return bool(settings.llm_base_url and settings.llm_model)


def chat_model(settings: Settings) -> BaseChatModel:
    """A ChatOpenAI client for the configured endpoint; the API key is read here and never stored or logged."""
    if not configured(settings):
        raise NotConfiguredError(NOT_CONFIGURED)
    from langchain_openai import ChatOpenAI
    from pydantic import SecretStr
    # Local servers (llama.cpp, Ollama, vLLM) accept any key; the client insists on one.
    key = os.environ.get("ASSISTANT_LLM_API_KEY") or "not-needed"
    return ChatOpenAI(model=settings.llm_model, base_url=settings.llm_base_url, api_key=SecretStr(key),
                      temperature=0.0, max_tokens=settings.llm_max_tokens, timeout=settings.llm_timeout,
                      max_retries=1)
