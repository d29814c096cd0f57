#!/usr/bin/env bash
# Install (or update) the KTAN Jember site and its edit service on a Debian 12 server. Run as root:
#
#   deploy/edit/install.sh --site ktan.example.go.id --edit edit.ktan.example.go.id \
#       --repo https://github.com/<owner>/<repo>.git --operator webmaster@example.go.id
#
# What it does (docs/operations.md, "Edit service", explains each part):
#   packages; user `ktan`; /srv/ktan-jember/{repo,build,releases,current,preview,admin,state};
#   the repository (clone once; developers can then `git push` to it); the Python venv and the
#   CMS's pinned npm packages; /etc/ktan-jember/edit.env; the (empty) editors' password file;
#   nginx for both host names with Let's Encrypt certificates (--no-certbot: bring your own);
#   the systemd units; a first build. Re-running it keeps the repository, passwords and env file.
set -euo pipefail

site="" edit="" source_repo="" operator="" certbot=1
while [ $# -gt 0 ]; do
  case "$1" in
    --site) site="$2"; shift 2 ;;
    --edit) edit="$2"; shift 2 ;;
    --repo) source_repo="$2"; shift 2 ;;
    --operator) operator="$2"; shift 2 ;;
    --no-certbot) certbot=0; shift ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
[ -n "$site" ] && [ -n "$edit" ] || { echo "usage: $0 --site <host> --edit <host> [--repo <git url>] [--operator <email>] [--no-certbot]" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "run as root" >&2; exit 1; }

here="$(cd "$(dirname "$0")/../.." && pwd)"   # this checkout
root=/srv/ktan-jember
repo="$root/repo"
as_ktan() { runuser -u ktan -- "$@"; }

echo "== packages"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  nginx-light libnginx-mod-http-brotli-static certbot git python3-venv nodejs npm openssl ca-certificates >/dev/null

echo "== user and folders"
id ktan >/dev/null 2>&1 || adduser --system --group --home "$root" --shell /usr/sbin/nologin ktan
install -d -o ktan -g ktan "$root" "$root/state" /var/backups/ktan-jember
install -d -m 755 /etc/ktan-jember /var/www/letsencrypt

echo "== repository"
if [ ! -d "$repo/.git" ]; then
  git clone --quiet "${source_repo:-$here}" "$repo"
  chown -R ktan:ktan "$repo"
fi
# Developers push to the server (`git remote add server ktan@<host>:/srv/ktan-jember/repo`):
# the checked-out branch and working tree move with the push; the publisher builds it.
as_ktan git -C "$repo" config receive.denyCurrentBranch updateInstead

echo "== python and the CMS"
[ -x "$repo/.venv/bin/python" ] || as_ktan python3 -m venv "$repo/.venv"
as_ktan "$repo/.venv/bin/pip" install -q -r "$repo/requirements.txt"
as_ktan env PYTHONPATH="$repo/plugins" KTAN_SERVER_ROOT="$root" "$repo/.venv/bin/python" -m ktan_server admin

echo "== settings and passwords"
if [ ! -f /etc/ktan-jember/edit.env ]; then
  sed -e "s/edit\.ktan\.example\.go\.id/$edit/g" -e "s/ktan\.example\.go\.id/$site/g" \
      -e "s/^KTAN_OPERATOR_EMAIL=.*/KTAN_OPERATOR_EMAIL=$operator/" "$repo/deploy/edit/edit.env.example" >/etc/ktan-jember/edit.env
fi
if [ ! -f /etc/ktan-jember/editors.htpasswd ]; then
  install -m 640 -o root -g www-data /dev/null /etc/ktan-jember/editors.htpasswd
fi

echo "== nginx"
cp "$repo/deploy/nginx/ktan-jember-site.conf" "$repo/deploy/nginx/ktan-jember-headers.conf" \
   "$repo/deploy/nginx/ktan-jember-edit-headers.conf" /etc/nginx/snippets/
sed -e "s/ktan\.example\.go\.id/$site/g" "$repo/deploy/nginx/ktan-jember.conf" >/etc/nginx/sites-available/ktan-jember.conf
sed -e "s/edit\.ktan\.example\.go\.id/$edit/g" "$repo/deploy/nginx/ktan-jember-edit.conf" >/etc/nginx/sites-available/ktan-jember-edit.conf
if [ "$certbot" -eq 1 ]; then
  for host in "$site" "$edit"; do
    if [ ! -d "/etc/letsencrypt/live/$host" ]; then
      # Port 80 only, for the first certificate: the full config needs the certificate to load.
      printf 'server { listen 80; server_name %s; location /.well-known/acme-challenge/ { root /var/www/letsencrypt; } }\n' \
        "$host" >/etc/nginx/sites-enabled/ktan-jember-acme.conf
      systemctl reload nginx
      if [ -n "$operator" ]; then contact=(-m "$operator"); else contact=(--register-unsafely-without-email); fi
      certbot certonly --quiet --non-interactive --agree-tos "${contact[@]}" \
        --webroot -w /var/www/letsencrypt --cert-name "$host" -d "$host"
      rm -f /etc/nginx/sites-enabled/ktan-jember-acme.conf
    fi
  done
fi
ln -sf ../sites-available/ktan-jember.conf /etc/nginx/sites-enabled/ktan-jember.conf
ln -sf ../sites-available/ktan-jember-edit.conf /etc/nginx/sites-enabled/ktan-jember-edit.conf

echo "== services"
cp "$repo"/deploy/systemd/ktan-jember-*.service "$repo"/deploy/systemd/ktan-jember-*.timer /etc/systemd/system/
systemctl daemon-reload
as_ktan env PYTHONPATH="$repo/plugins" KTAN_SERVER_ROOT="$root" $(grep -v '^#' /etc/ktan-jember/edit.env | xargs) \
  "$repo/.venv/bin/python" -m ktan_server build --trigger manual || echo "first build failed: see https://$edit/status/" >&2
systemctl enable --now ktan-jember-decap.service ktan-jember-edit.service ktan-jember-watch.service \
  ktan-jember-preview.service ktan-jember-rebuild.timer ktan-jember-backup.timer
nginx -t && systemctl reload nginx

if [ ! -s /etc/ktan-jember/editors.htpasswd ]; then
  echo "No editor can log in yet. Add one (repeat per editor):"
  echo "  sudo env PYTHONPATH=$repo/plugins $repo/.venv/bin/python -m ktan_server editor set <login>"
fi
echo "Site: https://$site/   Editors: https://$edit/admin/   Status: https://$edit/status/"
