"""Offline work at posts: starter files, change packages and the merge at headquarters.

Star topology; headquarters is the one merge point. The flow, headless (the CLI and,
later, the dialogs call these):

* ``starter.write_starter`` - headquarters prepares a plan file for a post's unit;
* ``changes.write_changes`` - either side writes its unacknowledged changes as a
  package (``package``: signed, encrypted to the other side, safe to open);
* ``merge.merge_package`` - the other side checks and applies it in one transaction
  after a backup: enrolment by key fingerprint, sequence and idempotence, the post's
  authority, and a three-way merge per field whose conflicts are stored;
* ``decisions.decide`` - a person settles a conflict; the decision travels back.

Keys belong to the installation (``keys``), in the user's data folder.
"""
