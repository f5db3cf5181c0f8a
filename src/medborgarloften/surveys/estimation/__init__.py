"""Survey estimation engine: plain NumPy, no Django (see README.md beside this file).

Entry points: :func:`survey.estimate_survey` for sample surveys and
:func:`open.estimate_open` for open questionnaires; files are read with
:func:`data.read_responses` and :func:`data.read_population`.
"""
