"""Web front end (Gradio); see the web-app issue."""
