"""The live programme editor: chat's «✏️ Change», /changes and «▶ Now on stage» as pages.

Every change goes through ``ProgrammeDesk`` (preview, apply, undo, log), the calls chat
makes, so the clash checks, the followers' coalesced notice, the undo and the audit log
are chat's own. Pages: ``pages`` (days, a session's editor, stage marks), ``change``
(preview, apply under a one-time token, discard, undo), ``log`` (the audit log); ``routes``
adds them all.
"""
