"""Adapters for data-processing frameworks; each module imports its framework on import.

``newsclean.integrations.datatrove``
    :class:`~newsclean.integrations.datatrove.NewscleanExtractor`, a datatrove pipeline step
    (``pip install newsclean[datatrove]``).

For Dask and Spark no adapter is needed: :func:`newsclean.runner.clean_records` is the
partition function (see docs/batch.md).
"""
