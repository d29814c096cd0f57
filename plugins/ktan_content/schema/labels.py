"""Short form labels of fields, by field name: what a form (the browser CMS) or a table shows.

The help text says what to write; a label names the field in two or three
words. Labels are looked up by field name, so a field shared by several types
(``title``, ``sources``) is labelled once. A field may also carry its own
``label_id``/``label_en`` attributes, which win. A field without a label here
is shown under its name; add one when you add a field.
"""

from __future__ import annotations

FIELD_LABELS: dict[str, tuple[str, str]] = {
    "title": ("Judul", "Title"),
    "summary": ("Ringkasan", "Summary"),
    "date": ("Tanggal terbit", "Publication date"),
    "start": ("Mulai", "Start"),
    "end": ("Selesai", "End"),
    "duration": ("Lama acara", "Duration"),
    "repeat": ("Berulang", "Repeats"),
    "place": ("Tempat", "Place"),
    "type": ("Jenis kegiatan", "Kind of event"),
    "stakeholders": ("Mitra yang terlibat", "Stakeholders involved"),
    "tags": ("Kata kunci", "Keywords"),
    "image": ("Foto utama", "Main photo"),
    "image_alt": ("Keterangan foto", "Photo description"),
    "sources": ("Sumber", "Sources"),
    "modified": ("Terakhir diperiksa", "Last checked"),
    "also_called": ("Nama lain", "Also called"),
    "legal_status": ("Status hukum", "Legal status"),
    "regulation": ("Peraturan", "Regulation"),
    "name": ("Nama", "Name"),
    "short_name": ("Nama singkat", "Short name"),
    "group": ("Kelompok", "Group"),
    "role": ("Peran", "Role"),
    "order": ("Urutan", "Order"),
    "website": ("Situs web", "Website"),
    "phone": ("Telepon", "Phone"),
    "whatsapp": ("WhatsApp", "WhatsApp"),
    "extension": ("Nomor sambungan", "Extension"),
    "address": ("Alamat", "Address"),
    "logo": ("Logo", "Logo"),
    "kind": ("Jenis layanan", "Kind of service"),
    "description": ("Keterangan", "Description"),
    "kecamatan": ("Kecamatan", "Kecamatan (sub-district)"),
    "hours": ("Jam layanan", "Opening hours"),
    "offers": ("Yang tersedia", "What is offered"),
    "cost": ("Biaya", "Cost"),
    "unverified": ("Belum terverifikasi", "Unverified"),
    "verified_on": ("Tanggal diperiksa", "Checked on"),
    "status": ("Status terbit", "Publication status"),
    "law": ("Pasal hukum terkait", "Legal provisions"),
    "citation": ("Sebutan pasal", "Citation"),
    "force": ("Status berlaku", "Legal standing"),
    "changed_by": ("Diubah atau dicabut oleh", "Changed by"),
    "changed_on": ("Tanggal berubah", "Changed on"),
    "replaced_by": ("Diganti oleh", "Replaced by"),
    # Sub-fields (places, sources, bilingual maps).
    "url": ("Alamat web", "Web address"),
    "lat": ("Lintang (lat)", "Latitude"),
    "lon": ("Bujur (lon)", "Longitude"),
    "id": ("Bahasa Indonesia", "Indonesian"),
    "en": ("Bahasa Inggris", "English"),
    "body": ("Isi", "Text"),
}


def field_label(field_or_name, lang: str = "id") -> str:
    """The label of a field (or of a field name) in ``lang`` ("id" or "en")."""
    name = field_or_name if isinstance(field_or_name, str) else field_or_name.name
    own = "" if isinstance(field_or_name, str) else getattr(field_or_name, f"label_{lang}", "")
    if own:
        return own
    labels = FIELD_LABELS.get(name)
    if labels:
        return labels[0] if lang == "id" else labels[1]
    return name.replace("_", " ").capitalize()
