"""The quiz channel (金融知识猜猜猜): the ``quiz:`` front-matter field and its renderings.

Validation lives in :mod:`.fields` (called by the schema); each channel renders the same
:class:`~casecast.model.QuizItem` objects: the site (:mod:`.site`), WeChat (:mod:`.wechat`) and the
spoken script (:mod:`.spoken`).
"""
