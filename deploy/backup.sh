#!/bin/sh
# A dated, consistent copy of the Recovery Colleges database, and the old
# copies deleted: run daily by deploy/systemd/recovery-colleges-backup.timer
# (see docs/deploy.md), or by hand.
#
#   BACKUP_DIR        where the copies go   (/var/lib/recovery-colleges/backups)
#   SERVER_BIN        the server binary     (/opt/recovery-colleges/bin/recovery-colleges-server)
#   BACKUP_KEEP_DAYS  days a copy is kept   (30; 0 keeps every copy)
#   DATABASE_URL      the database, read by the server binary as when it serves
#
# `recovery-colleges-server backup` copies the database while the server
# runs and writes (SQLite's VACUUM INTO: one snapshot), checks the copy with
# PRAGMA integrity_check and records when it was taken (the metrics' backup
# age). Old copies are deleted only once today's has been made and checked.
set -eu

BACKUP_DIR=${BACKUP_DIR:-/var/lib/recovery-colleges/backups}
SERVER_BIN=${SERVER_BIN:-/opt/recovery-colleges/bin/recovery-colleges-server}
BACKUP_KEEP_DAYS=${BACKUP_KEEP_DAYS:-30}

case $BACKUP_KEEP_DAYS in
  '' | *[!0-9]*)
    echo "backup.sh: BACKUP_KEEP_DAYS must be a whole number of days, not '$BACKUP_KEEP_DAYS'" >&2
    exit 2
    ;;
esac

mkdir -p "$BACKUP_DIR"
file="$BACKUP_DIR/recovery-colleges-$(date -u +%Y-%m-%d).db"
# The server never overwrites a file: a second backup on the same day (run
# by hand, or a missed run caught up) gets the time as well.
if [ -e "$file" ]; then
  file="$BACKUP_DIR/recovery-colleges-$(date -u +%Y-%m-%d-%H%M%S).db"
fi
"$SERVER_BIN" backup "$file"

if [ "$BACKUP_KEEP_DAYS" -gt 0 ]; then
  # -mtime +N: last changed more than N whole days ago.
  find "$BACKUP_DIR" -maxdepth 1 -type f -name 'recovery-colleges-*.db' \
    -mtime +"$BACKUP_KEEP_DAYS" -print -exec rm -f {} +
fi
