"""Evaluation suite: known Q&A pairs, metrics and the LangChain baseline."""
