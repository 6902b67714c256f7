#!/usr/bin/env bash
# Install segdesk into .venv and open it on the bundled demo shop.
source "$(dirname "$0")/_env.sh" ""
exec .venv/bin/segdesk --demo
