"""Attachments: a subject's files, attaching more, and a full view of one."""
