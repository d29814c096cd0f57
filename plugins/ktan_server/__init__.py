"""Publishing without a developer, on the district server.

The pieces, each a small module (install and operation: docs/operations.md):

- ``backend``: the CMS backend behind nginx. It forwards the CMS's API calls to
  decap-server (file-system mode, 127.0.0.1 only) and turns every write into a
  git commit whose author is the editor's login (nginx's ``$remote_user``).
- ``runner``: one safe build of the repository's HEAD into a new release
  (``ktan_build``, atomic symlink switch), recorded in the build status and
  mailed to the operator when it fails; also the recorded rollback.
- ``watch``: runs the runner whenever HEAD changes (a publish goes live in
  seconds); the nightly timer runs the same runner.
- ``status``: the build history (JSON) and the editors' status page.
- ``app``: the HTTP service nginx proxies to: ``/api/v1`` and ``/status/``.
- ``mail``: the operator's mail through the local sendmail, when there is one.
"""
