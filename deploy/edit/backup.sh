#!/usr/bin/env bash
# Back up the site repository: a git bundle of every branch and tag (one file, restorable
# with `git clone <bundle>`), the last 30 kept; then, if the repository has a remote named
# "backup" (a second server, a private GitHub/GitLab repository), a mirror push to it.
# Usage: backup.sh <repository> <backup folder>   (ktan-jember-backup.service runs it nightly)
set -euo pipefail
repo="${1:?repository}"
dest="${2:?backup folder}"
keep="${KTAN_BACKUP_KEEP:-30}"
mkdir -p "$dest"
bundle="$dest/ktan-jember-$(date +%Y%m%d-%H%M%S).bundle"
git -C "$repo" bundle create "$bundle.tmp" --all 2>/dev/null
git -C "$repo" bundle verify -q "$bundle.tmp" >/dev/null
mv "$bundle.tmp" "$bundle"
ls -1t "$dest"/ktan-jember-*.bundle | tail -n +"$((keep + 1))" | xargs -r rm --
if git -C "$repo" remote get-url backup >/dev/null 2>&1; then
  git -C "$repo" push --quiet --mirror backup
fi
echo "$bundle"
