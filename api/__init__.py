"""Moslik's REST API (FastAPI) and Socket.IO channel, served together by uvicorn."""

API_VERSION = "1.0.0"
