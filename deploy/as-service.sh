#!/bin/sh
# Runs one recovery-colleges-server command on a server installed by
# docs/deploy.md as the service itself would run it: as its dynamic user
# "recovery-colleges", with its state directory, DATABASE_URL and
# /etc/recovery-colleges.env, standard input and output passed through.
# Run it as root:
#
#   read -rs -p 'Password: ' pw && printf '%s\n' "$pw" |
#     /opt/recovery-colleges/deploy/as-service.sh create-team-account you@example.org "Your Name"
#   /opt/recovery-colleges/deploy/as-service.sh enquiries export someone@example.org
#   /opt/recovery-colleges/deploy/as-service.sh restore /var/lib/recovery-colleges/backups/recovery-colleges-2026-11-29.db
#
# Running the binary as root instead would leave files in the state
# directory that the service cannot open; and the dynamic user exists only
# inside systemd, so sudo -u cannot become it.
set -eu
exec systemd-run --quiet --pipe --collect \
  --property=DynamicUser=yes \
  --property=User=recovery-colleges \
  --property=Group=recovery-colleges \
  --property=StateDirectory=recovery-colleges \
  --property=UMask=0077 \
  --property=WorkingDirectory=/opt/recovery-colleges \
  --setenv=DATABASE_URL=sqlite:///var/lib/recovery-colleges/recovery-colleges.db \
  --setenv=DIST_DIR=/opt/recovery-colleges/dist \
  --property=EnvironmentFile=-/etc/recovery-colleges.env \
  /opt/recovery-colleges/bin/recovery-colleges-server "$@"
