"""Render: the model -> pages (Markdown for MkDocs), handbook and data exports."""
