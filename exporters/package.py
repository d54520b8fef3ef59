"""A written .docx/.xlsx package finished in one pass: our properties and our mark, nothing else redone.

`finish_package` (the properties) and `stamp` (the mark) each read a package and write it again,
compressing every part anew: three compressions of every part for one export, most of a batch's
zlib time. `seal` gives the same bytes as `stamp(finish_package(data))` from one reading: the two
parts it changes (docProps/core.xml, docProps/app.xml) are compressed again, every other part is
copied as the library compressed it (the same zlib at the same level gives the same bytes) and
only decompressed to be hashed (tests/exporters/test_fast_paths.py holds it to the slow way).
"""
from __future__ import annotations

import copy as _copy
import hashlib
import io
import struct
import zipfile
from collections.abc import Iterable

from exporters.properties import APP, CORE, finish_package, finished_parts
from exporters.stamp import marked_core, stamp

# a part's local header (APPNOTE 4.3.7): signature, versions, flags, method, time, date, CRC,
# sizes, then the lengths of its name and extra field
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_LOCAL_HEADER_SIGNATURE = b"PK\003\004"
_NAME_LENGTH, _EXTRA_LENGTH = 10, 11


def seal(data: bytes) -> bytes:
    """The package with our properties and our mark, as stamp(finish_package(data)); anything
    but a .docx/.xlsx is returned as finish_package returns it."""
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
        infos = src.infolist()
    except zipfile.BadZipFile:
        return data
    names = [i.filename for i in infos]
    if CORE not in names or len(set(names)) != len(names) or any(
            i.compress_type not in (zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED) or i.flag_bits & 0x01 for i in infos):
        return stamp(finish_package(data))  # nothing we write: the careful way
    core, app = finished_parts(src.read(CORE))
    # hashed as digest_of hashes them, each part read a piece at a time (a combined document's
    # body is tens of megabytes)
    digest = hashlib.sha256()
    for info in sorted(infos, key=lambda i: i.filename):
        if info.filename == CORE:
            continue
        digest.update(info.filename.encode("utf-8") + b"\0")
        if info.filename == APP:
            digest.update(app)
        else:
            with src.open(info) as part:
                for piece in iter(lambda: part.read(1 << 20), b""):
                    digest.update(piece)
        digest.update(b"\0")
    core = marked_core(core, digest.hexdigest())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in infos:
            if info.filename in (CORE, APP) or not _copy_compressed(data, info, dst):
                body = core if info.filename == CORE else app if info.filename == APP else src.read(info)
                dst.writestr(info, body)
    return out.getvalue()


def replace_parts(data: bytes, bodies: dict[str, Iterable[bytes]]) -> bytes:
    """The package with the named parts' contents replaced by the pieces given (written as they
    come: a part of tens of megabytes is never whole in memory), every other part copied as it
    is compressed (as seal); the parts keep their order and names."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in bodies:
                with dst.open(_copy.copy(info), "w") as part:
                    for piece in bodies[info.filename]:
                        part.write(piece)
            elif not _copy_compressed(data, info, dst):
                dst.writestr(info, src.read(info))
    return out.getvalue()


def _copy_compressed(data: bytes, info: zipfile.ZipInfo, dst: zipfile.ZipFile) -> bool:
    """Append a part to dst as it is compressed in data, with the header zipfile would write
    for it; False (nothing written) where the part is not laid out as expected."""
    start = info.header_offset
    header = data[start:start + _LOCAL_HEADER.size]
    if len(header) != _LOCAL_HEADER.size:
        return False
    fields = _LOCAL_HEADER.unpack(header)
    if fields[0] != _LOCAL_HEADER_SIGNATURE or info.compress_type != zipfile.ZIP_DEFLATED:
        return False
    begin = start + _LOCAL_HEADER.size + fields[_NAME_LENGTH] + fields[_EXTRA_LENGTH]
    payload = data[begin:begin + info.compress_size]
    if len(payload) != info.compress_size or info.file_size > zipfile.ZIP64_LIMIT:
        return False
    copy = _copy.copy(info)  # what writestr(info, body) writes: its fields, sizes and CRC of the body
    copy.flag_bits = 0
    copy.external_attr = copy.external_attr or 0o600 << 16
    fp = dst.fp
    if fp is None:
        return False
    # what ZipFile.writestr does for a part, less the compressing (CPython 3.11's zipfile; the
    # test compares the bytes with writestr's)
    fp.seek(dst.start_dir)
    copy.header_offset = fp.tell()
    fp.write(copy.FileHeader(False))
    fp.write(payload)
    dst.filelist.append(copy)
    dst.NameToInfo[copy.filename] = copy
    dst.start_dir = fp.tell()
    setattr(dst, "_didModify", True)  # the central directory is written on close
    return True
