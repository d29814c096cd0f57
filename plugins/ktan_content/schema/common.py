"""Fields shared by several content types."""

from .fields import Choice, IdList, ImagePath, Sources, Text, TextList

TITLE = Text("title", example="Rapat Koordinasi Kampung Tangguh Anti Narkoba", max_length=120,
             help_id="Judul yang tampil di halaman dan di hasil pencarian.",
             help_en="Title shown on the page and in search results.")
SUMMARY = Text("summary", required=False, max_length=300,
               example="Ringkasan satu atau dua kalimat.",
               help_id="Ringkasan singkat untuk daftar dan mesin pencari (boleh kosong).",
               help_en="Short summary for lists and search engines (optional).")
STAKEHOLDERS = IdList("stakeholders", required=False, refers_to="mitra",
                      help_id="Kode mitra yang terlibat, sesuai nama berkas di content/mitra/.",
                      help_en="Ids of the stakeholders involved, as named in content/mitra/.")
SOURCES = Sources("sources", required=True,
                  help_id="Sumber publik untuk fakta di berkas ini (judul dan alamat web).",
                  help_en="Public sources for the facts in this file (title and web address).")
OPTIONAL_SOURCES = Sources("sources", required=False,
                           help_id=SOURCES.help_id, help_en=SOURCES.help_en)
IMAGE = ImagePath("image", required=False,
                  help_id="Foto utama, disimpan di content/images/ (nama tanpa spasi).",
                  help_en="Main photo, stored in content/images/ (no spaces in the name).")
IMAGE_ALT = Text("image_alt", required=False, example="Peserta rapat koordinasi di aula Pemkab Jember",
                 help_id="Keterangan foto untuk pembaca layar (wajib bila ada foto).",
                 help_en="Photo description for screen readers (required with a photo).")
TAGS = TextList("tags", required=False, example="[sosialisasi, patrang]",
                help_id="Topik, dipisah koma; tampil di bawah judul berita dan di umpan Atom.",
                help_en="Topics, comma-separated; shown below the news title and in the Atom feed.")

# Whether a file is on the public site. Every type declares it, so drafts are
# filtered once, in ``ContentSet``, and no plugin can leak one. New files start
# as drafts (``default``); a file without the field is published (older files).
PUBLISHED, DRAFT, CANCELLED = "published", "draft", "cancelled"
STATUS = Choice("status", required=False, choices=(PUBLISHED, DRAFT), default=DRAFT, example=PUBLISHED,
                help_id="draft = belum tayang (kesalahannya hanya jadi peringatan); published = tayang. "
                        "Tanpa kolom ini: published.",
                help_en="draft = not on the site (its mistakes are only warnings); published = on the site. "
                        "Without this field: published.")
EVENT_STATUS = Choice("status", required=False, choices=(PUBLISHED, DRAFT, CANCELLED), default=DRAFT,
                      example=CANCELLED,
                      help_id="draft = belum tayang; published = tayang; cancelled = tayang dengan tanda DIBATALKAN "
                              "(kalender pelanggan ikut diperbarui). Tanpa kolom ini: published.",
                      help_en="draft = not on the site; published = on the site; cancelled = shown as CANCELLED "
                              "(subscribers' calendars update). Without this field: published.")
