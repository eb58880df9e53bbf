"""The phone status page: read-only, one unguessable token per RO (Starlette + uvicorn)."""
