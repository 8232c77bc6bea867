"""The local web app (`filigrane serve`, extra `filigrane[web]`): pages and a JSON API over the store.

Nothing here imports FastAPI at package level, so `filigrane.web.command` loads without the extra;
`filigrane.web.app.create_app` builds the application.
"""
