"""``import-docx``: a Word document Proofreel wrote, edited in Word, applied back to its project.

Every change goes through the editing APIs the window's undo stack uses (EditStore.set_text,
ReviewStore.add_note, ReviewStore.reply for a Word comment reply), and the result keeps what undo
needs: :func:`undo_docx` puts each line back exactly (text and highlights) and deletes the notes
it added. Nothing in the project is
deleted: a line whose mark is gone from the document is reported and left as it is.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from app.core.docx_read import DocxReadError, read_docx, text_digest
from app.core.plural import plural
from app.core.transcript import Highlight, Note
from app.store.editing import EditStore
from app.store.library import Library
from app.store.review import ReviewStore

__all__ = ["DocxImport", "apply_docx", "undo_docx"]


@dataclass(slots=True)
class DocxImport:
    #: (line id, text before, highlights before), in the order applied
    texts: list[tuple[int, str, list[Highlight]]] = field(default_factory=list)
    notes: list[tuple[int, Note]] = field(default_factory=list)  # (line id, note added)
    #: (line id, a thread's first note before) for each thread resolved or reopened in Word
    resolved: list[tuple[int, Note]] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)  # what was not applied, and why
    pending_revisions: int = 0

    def summary(self) -> str:
        done = (
            f"{plural(len(self.texts), 'line')} corrected, {plural(len(self.notes), 'note')} added"
        )
        if self.resolved:
            done += f", {plural(len(self.resolved), 'thread')} resolved or reopened"
        if self.pending_revisions:
            done += (
                f"; {plural(self.pending_revisions, 'tracked change')} still pending in the "
                "document counted as accepted"
            )
        return done


def _same_note(notes: list[Note], author: str, body: str) -> Note | None:
    wanted = " ".join(body.split())
    return next(
        (n for n in notes if n.author == author and " ".join(n.body.split()) == wanted), None
    )


def apply_docx(library: Library, project_id: int, path: str | os.PathLike[str]) -> DocxImport:
    """Apply the document's texts and new comments to the project; one line for a
    file that is not a Proofreel DOCX (DocxReadError), before anything is changed."""
    content = read_docx(path)
    transcript = library.load_transcript(project_id)
    lines = {line.id: (row, line) for row, line in enumerate(transcript.lines, start=1)}
    result = DocxImport(pending_revisions=content.pending_revisions)
    unknown = [i for i in content.texts if i not in lines]
    if unknown and len(unknown) == len(content.texts):
        raise DocxReadError(
            f"the document's lines are not project {project_id}'s: a wrong project?"
        )
    edits, review = EditStore(library), ReviewStore(library)
    for line_id, (row, line) in lines.items():
        if line_id is None:
            continue
        text = content.texts.get(line_id)
        if text is None:
            result.messages.append(f"line {row} is not in the document (deleted there?): kept")
        elif text != line.text:
            exported = content.exported.get(line_id, "")
            if exported and text_digest(text) == exported:
                continue  # the document did not touch it; the project's later edit stands
            if exported and text_digest(line.text) != exported:
                result.messages.append(
                    f"line {row} changed both here and in the document: kept the project's "
                    f"text; the document has {text[:60]!r}"
                )
                continue
            if not text.strip():
                result.messages.append(f"line {row} was emptied in the document: kept")
                continue
            before, marks = edits.set_text(line_id, text)
            result.texts.append((line_id, before, marks))
    for line_id in unknown:
        result.messages.append(f"a line with id {line_id} is not in this project: left out")
    note_of: dict[str, int] = {}  # comment id -> the note it is (found or added)
    for comment in content.comments:
        found = lines.get(comment.line_id)
        if found is None:
            result.messages.append(f"comment by {comment.author or 'someone'} on no line: left out")
            continue
        _row, line = found
        assert line.id is not None
        same = _same_note(line.notes, comment.author, comment.body)
        if same is not None and same.id is not None:
            note_of[comment.ident] = same.id  # exported from here: its replies may be new
            if comment.parent is None and same.parent_id is None:
                _follow_done(review, result, line.id, same, comment.done)
            continue
        if not comment.body.strip():
            continue
        parent = note_of.get(comment.parent) if comment.parent is not None else None
        if parent is not None:  # a reply made in Word: a reply in the thread here too
            note = review.reply(parent, comment.body, comment.author)[1]
        else:
            note = review.add_note(line.id, comment.body, comment.author)
        line.notes.append(note)  # a second copy of the comment in the file is not added twice
        if note.id is not None:
            note_of[comment.ident] = note.id
        result.notes.append((line.id, note))
    return result


def _follow_done(
    review: ReviewStore, result: DocxImport, line_id: int, note: Note, done: bool | None
) -> None:
    """Resolve the thread Word marked done, reopen one it no longer does (None: a file that
    does not say, such as one from before threads: nothing changes)."""
    if done is None or done == (note.resolved_at is not None) or note.id is None:
        return
    _line, before, _after = review.resolve(note.id, "") if done else review.reopen(note.id)
    result.resolved.append((line_id, before))


def undo_docx(library: Library, result: DocxImport) -> None:
    """Put the project back as it was before :func:`apply_docx`."""
    edits, review = EditStore(library), ReviewStore(library)
    for line_id, before in reversed(result.resolved):
        review.put_note(line_id, before)
    for _line_id, note in reversed(result.notes):
        if note.id is not None:
            review.delete_note(note.id)
    for line_id, text, marks in reversed(result.texts):
        edits.put_text_state(line_id, text, marks)
