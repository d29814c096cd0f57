"""The browser CMS for editors: Decap CMS configured from the content model (not a Pelican plugin).

``config`` turns ``ktan_content.schema`` into Decap's configuration,
``admin.write_admin`` writes the admin folder, ``npm`` installs the pinned
packages, ``workspace`` runs ``invoke edit``, ``fields_doc`` writes docs/fields.md.
"""
