"""Official documents: the one-stop-shop forms 01–07 as HTML, PDF (WeasyPrint) and, for the tracking
book, Excel. The rendering core knows nothing of the dossier models: it renders the frozen dataclasses of
`forms.py`; `builders.py` maps a dossier to them."""
